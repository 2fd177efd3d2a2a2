// The security headers both apps send on every response (next.config.ts `headers()`), built with nosecone from the
// app's env: a Content-Security-Policy that lets the app reach its own Convex deployment (https + wss, or the local
// server's http + ws) and Clerk (its Frontend API, through the app's /__clerk proxy offline), and nothing else.
import { parsePublishableKey } from "@clerk/shared/keys";
import type { Options } from "@nosecone/next";
import { defaults, nosecone } from "@nosecone/next";
import type { NextConfig } from "next";
import { PHASE_DEVELOPMENT_SERVER } from "next/constants";

import type { AppEnv } from "@repo/auth/env";

type Csp = Exclude<NonNullable<Options["contentSecurityPolicy"]>, boolean>;
type Directives = NonNullable<Csp["directives"]>;

export type SecurityEnv = Pick<AppEnv, "convexUrl" | "clerkPublishableKey" | "clerkProxyUrl">;

/**
 * Clerk's hosts besides its Frontend API, as Clerk documents them (https://clerk.com/docs/security/clerk-csp): bot
 * protection (Cloudflare Turnstile) and abuse protection scripts and frames, avatars on img.clerk.com; plus the
 * telemetry endpoint that clerk-js reports to from development instances (the defaults of @clerk/nextjs's own
 * automatic CSP, server/content-security-policy.js). The `:*` is required: protect.clerk.com serves other ports.
 */
const CLERK_HOSTS = {
  script: ["https://challenges.cloudflare.com", "https://*.protect.clerk.com"],
  frame: ["https://challenges.cloudflare.com", "https://*.protect.clerk.com"],
  connect: [
    "https://*.protect.clerk.com:*",
    "https://clerk-telemetry.com",
    "https://*.clerk-telemetry.com",
  ],
  img: ["https://img.clerk.com"],
};

/** Where the browser reaches Clerk's Frontend API (and loads clerk-js from): null when that is the app itself. */
export function clerkFrontendApiSource(env: SecurityEnv): string | null {
  const { frontendApi } = parsePublishableKey(env.clerkPublishableKey, {
    fatal: true,
    ...(env.clerkProxyUrl === undefined ? {} : { proxyUrl: env.clerkProxyUrl }),
  });
  if (frontendApi.startsWith("/")) return null;
  if (/^https?:\/\//.test(frontendApi)) return new URL(frontendApi).origin;
  // A bare host decoded from the key: clerk-js always calls it over https.
  return `https://${frontendApi}`;
}

/** The Convex deployment's origin and its WebSocket twin (the sync protocol): https + wss, or http + ws locally. */
export function convexSources(convexUrl: string): string[] {
  const { origin, protocol, host } = new URL(convexUrl);
  return [origin, `${protocol === "https:" ? "wss:" : "ws:"}//${host}`];
}

/** The Content-Security-Policy directives, nosecone's Next.js defaults widened only where the app needs it. */
export function contentSecurityPolicy(env: SecurityEnv, options: { dev: boolean }): Directives {
  const base = defaults.contentSecurityPolicy.directives;
  const clerk = clerkFrontendApiSource(env);
  const clerkApi = clerk === null ? [] : [clerk];
  // A plain record: nosecone checks every directive name and keyword when it builds the header.
  const directives: Record<string, readonly string[]> = {
    ...base,
    // Without per-request nonces (they would make every page dynamic, including the static ones), Next's inline
    // bootstrap scripts need 'unsafe-inline'. React's dev tooling needs eval, in development only.
    scriptSrc: [
      "'self'",
      "'unsafe-inline'",
      ...(options.dev ? ["'unsafe-eval'"] : []),
      ...clerkApi,
      ...CLERK_HOSTS.script,
    ],
    // Clerk styles its components with runtime CSS-in-JS.
    styleSrc: ["'self'", "'unsafe-inline'"],
    connectSrc: [
      ...base.connectSrc,
      ...convexSources(env.convexUrl),
      ...clerkApi,
      ...CLERK_HOSTS.connect,
    ],
    imgSrc: [...base.imgSrc, ...CLERK_HOSTS.img],
    frameSrc: CLERK_HOSTS.frame,
    // clerk-js runs a timer worker from a blob: URL.
    workerSrc: ["'self'", "blob:"],
  };
  return directives;
}

/** Every security header, as next.config.ts `headers()` takes them. */
export function securityHeaders(
  env: SecurityEnv,
  options: { dev: boolean },
): { key: string; value: string }[] {
  const headers = nosecone({
    ...defaults,
    contentSecurityPolicy: { directives: contentSecurityPolicy(env, options) },
    // Cross-origin isolation is not needed, and require-corp blocks cross-origin subresources that send no
    // Cross-Origin-Resource-Policy header (Clerk's avatars).
    crossOriginEmbedderPolicy: false,
    // Clerk's popup sign-in flows need the popup to keep its opener.
    crossOriginOpenerPolicy: { policy: "same-origin-allow-popups" },
    // The same answer as frame-ancestors 'none', for browsers that only know the older header.
    xFrameOptions: { action: "deny" },
    // `next dev` serves the Pages Router's /_next/static/development/_clientMiddlewareManifest.js as JSON
    // (next/dist/server/lib/router-utils/setup-dev-bundler.js), which nosniff turns into a console error on every
    // page; production builds write it as a real script.
    xContentTypeOptions: !options.dev,
  });
  return [...headers.entries()].map(([key, value]) => ({ key, value }));
}

/** The part of next.config.ts both apps share: no `X-Powered-By: Next.js`, and these headers on every path. */
export function nextSecurityConfig(
  env: SecurityEnv,
  phase: string,
): Pick<NextConfig, "poweredByHeader" | "headers"> {
  const headers = securityHeaders(env, { dev: phase === PHASE_DEVELOPMENT_SERVER });
  return {
    poweredByHeader: false,
    headers: () => Promise.resolve([{ source: "/:path*", headers }]),
  };
}
