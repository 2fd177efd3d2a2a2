// JavaScript shipped per route: every script the route's server-rendered HTML references (<script src> and
// <link rel="preload"|"modulepreload" as="script">, minus `nomodule` polyfills modern browsers skip), fetched from
// the running app and gzipped here at level 6, the usual server setting.
import { gzipSync } from "node:zlib";

import { LIMITS } from "./config";

export const BUNDLE_METHOD =
  "sum of the gzip (level 6) sizes of the scripts each route's HTML references (<script src>, " +
  "<link rel=preload|modulepreload as=script>; nomodule polyfills excluded), fetched from the production server";

export interface RouteBundle {
  /** Next's own chunks (/_next/static): framework, app and page code. */
  nextBytes: number;
  /** Any other script the HTML references (e.g. clerk-js through the app's /__clerk proxy). */
  otherBytes: number;
  scripts: number;
}

const attribute = (tag: string, name: string): string | null =>
  new RegExp(`\\s${name}=["']([^"']*)["']`, "i").exec(tag)?.[1] ?? null;

/** Script URLs referenced by an HTML document (pure; unit-tested). */
export function scriptUrls(html: string, base: string): string[] {
  const urls = new Set<string>();
  for (const [tag] of html.matchAll(/<script\b[^>]*>/gi)) {
    const src = attribute(tag, "src");
    if (src !== null && !/\snomodule\b/i.test(tag)) urls.add(new URL(src, base).href);
  }
  for (const [tag] of html.matchAll(/<link\b[^>]*>/gi)) {
    const rel = attribute(tag, "rel")?.toLowerCase();
    const as = attribute(tag, "as")?.toLowerCase();
    const href = attribute(tag, "href");
    if (href === null) continue;
    if (rel === "modulepreload" || (rel === "preload" && as === "script")) {
      urls.add(new URL(href, base).href);
    }
  }
  return [...urls];
}

export async function routeBundle(
  url: string,
  headers: Record<string, string>,
): Promise<RouteBundle> {
  const response = await fetch(url, { headers, signal: AbortSignal.timeout(LIMITS.requestMs) });
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  const html = await response.text();
  const result: RouteBundle = { nextBytes: 0, otherBytes: 0, scripts: 0 };
  for (const script of scriptUrls(html, url)) {
    const body = await fetch(script, { signal: AbortSignal.timeout(LIMITS.requestMs) });
    if (!body.ok) throw new Error(`${script} answered ${body.status}`);
    const size = gzipSync(Buffer.from(await body.arrayBuffer()), { level: 6 }).length;
    if (new URL(script).pathname.startsWith("/_next/static/")) result.nextBytes += size;
    else result.otherBytes += size;
    result.scripts++;
  }
  return result;
}
