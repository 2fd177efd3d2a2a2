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
  /** Clerk's browser SDK (@clerk/clerk-js), loaded at runtime from Clerk's Frontend API (here its /__clerk proxy). */
  clerkJsBytes: number;
  /** Clerk's prebuilt UI components (@clerk/ui), loaded the same way. */
  clerkUiBytes: number;
  /** Any other script the HTML references. */
  otherBytes: number;
  scripts: number;
}

export type ScriptKind = "next" | "clerkJs" | "clerkUi" | "other";

/**
 * What a script is, by its path. Clerk's loader builds these URLs as `<frontendApi or proxy>/npm/@clerk/clerk-js@<v>/
 * dist/clerk.browser.js` and `…/npm/@clerk/ui@<v>/dist/ui.browser.js` (@clerk/shared 4.41.0,
 * dist/loadClerkJsScript.mjs); a custom `clerkJSUrl` could name the file anything, so the package path decides.
 */
export function scriptKind(url: string): ScriptKind {
  const path = new URL(url).pathname;
  if (path.startsWith("/_next/static/")) return "next";
  if (/\/npm\/@clerk\/clerk-js@[^/]+\//.test(path)) return "clerkJs";
  if (/\/npm\/@clerk\/ui@[^/]+\//.test(path)) return "clerkUi";
  return "other";
}

const BYTES_FIELD = {
  next: "nextBytes",
  clerkJs: "clerkJsBytes",
  clerkUi: "clerkUiBytes",
  other: "otherBytes",
} as const satisfies Record<ScriptKind, keyof RouteBundle>;

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

/**
 * The scripts of the page at `url`. Its HTML must contain `expect` where the server renders it (an error or sign-in
 * page ships other code); null for a client-rendered page, whose HTML has only the shell.
 */
export async function routeBundle(
  url: string,
  headers: Record<string, string>,
  expect: string | null,
): Promise<RouteBundle> {
  const response = await fetch(url, { headers, signal: AbortSignal.timeout(LIMITS.requestMs) });
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  const html = await response.text();
  if (expect !== null && !html.includes(expect))
    throw new Error(`${url} answered without "${expect}"`);
  const result: RouteBundle = {
    nextBytes: 0,
    clerkJsBytes: 0,
    clerkUiBytes: 0,
    otherBytes: 0,
    scripts: 0,
  };
  for (const script of scriptUrls(html, url)) {
    const body = await fetch(script, { signal: AbortSignal.timeout(LIMITS.requestMs) });
    if (!body.ok) throw new Error(`${script} answered ${body.status}`);
    const size = gzipSync(Buffer.from(await body.arrayBuffer()), { level: 6 }).length;
    result[BYTES_FIELD[scriptKind(script)]] += size;
    result.scripts++;
  }
  return result;
}
