// What the Content-Security-Policy must allow for Clerk in the browser: its Frontend API (unless the app proxies it)
// and the hosts Clerk documents (https://clerk.com/docs/security/clerk-csp).
import { parsePublishableKey } from "@clerk/shared/keys";

import type { AuthCspSources } from "../csp";

interface ClerkCspEnv {
  clerkPublishableKey: string;
  clerkProxyUrl: string | undefined;
}

/**
 * Clerk's hosts besides its Frontend API: bot protection (Cloudflare Turnstile) and abuse protection scripts and
 * frames, avatars on img.clerk.com; plus the telemetry endpoint that clerk-js reports to from development instances
 * (the defaults of @clerk/nextjs's own automatic CSP, server/content-security-policy.js). The `:*` is required:
 * protect.clerk.com serves other ports.
 */
const CLERK_HOSTS: AuthCspSources = {
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
export function clerkFrontendApiSource(env: ClerkCspEnv): string | null {
  const { frontendApi } = parsePublishableKey(env.clerkPublishableKey, {
    fatal: true,
    ...(env.clerkProxyUrl === undefined ? {} : { proxyUrl: env.clerkProxyUrl }),
  });
  if (frontendApi.startsWith("/")) return null;
  if (/^https?:\/\//.test(frontendApi)) return new URL(frontendApi).origin;
  // A bare host decoded from the key: clerk-js always calls it over https.
  return `https://${frontendApi}`;
}

export function clerkCspSources(env: ClerkCspEnv): AuthCspSources {
  const api = clerkFrontendApiSource(env);
  const own = api === null ? [] : [api];
  return {
    script: [...own, ...CLERK_HOSTS.script],
    connect: [...own, ...CLERK_HOSTS.connect],
    frame: CLERK_HOSTS.frame,
    img: CLERK_HOSTS.img,
  };
}
