// The security headers both apps send on every response (next.config.ts `headers()`), built with nosecone from the
// app's env: a Content-Security-Policy that lets the app reach its own Convex deployment (https + wss, or the local
// server's http + ws) and its auth provider (the sources @repo/auth/csp names), and nothing else.
import type { Options } from "@nosecone/next";
import { defaults, nosecone } from "@nosecone/next";
import { authCspSources } from "@repo/auth/csp";
import type { AuthCspEnv } from "@repo/auth/csp";
import type { NextConfig } from "next";
import { PHASE_DEVELOPMENT_SERVER } from "next/constants";

type Csp = Exclude<NonNullable<Options["contentSecurityPolicy"]>, boolean>;
type Directives = NonNullable<Csp["directives"]>;

export type SecurityEnv = AuthCspEnv & { convexUrl: string };

/** The Convex deployment's origin and its WebSocket twin (the sync protocol): https + wss, or http + ws locally. */
export function convexSources(convexUrl: string): string[] {
  const { origin, protocol, host } = new URL(convexUrl);
  return [origin, `${protocol === "https:" ? "wss:" : "ws:"}//${host}`];
}

/** The Content-Security-Policy directives, nosecone's Next.js defaults widened only where the app needs it. */
export function contentSecurityPolicy(env: SecurityEnv, options: { dev: boolean }): Directives {
  const base = defaults.contentSecurityPolicy.directives;
  const auth = authCspSources(env);
  // A plain record: nosecone checks every directive name and keyword when it builds the header.
  const directives: Record<string, readonly string[]> = {
    ...base,
    // Without per-request nonces (they would make every page dynamic, including the static ones), Next's inline
    // bootstrap scripts need 'unsafe-inline'. React's dev tooling needs eval, in development only.
    scriptSrc: [
      "'self'",
      "'unsafe-inline'",
      ...(options.dev ? ["'unsafe-eval'"] : []),
      ...auth.script,
    ],
    // Clerk styles its components with runtime CSS-in-JS.
    styleSrc: ["'self'", "'unsafe-inline'"],
    connectSrc: [...base.connectSrc, ...convexSources(env.convexUrl), ...auth.connect],
    imgSrc: [...base.imgSrc, ...auth.img],
    frameSrc: auth.frame,
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
