// The env an app needs to use this server through the real Clerk SDKs: only env differs from a hosted Clerk setup.
import { bundleFor } from "./assets";
import { PUBLISHABLE_KEY } from "./instance";
import { loadOrCreateKeys } from "./keys";

function serverEnv(options: { url: string; dataDir: string }): Record<string, string> {
  const keys = loadOrCreateKeys(options.dataDir);
  return {
    NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: PUBLISHABLE_KEY,
    CLERK_SECRET_KEY: keys.secretKey,
    // Backend API base (JWKS, users, session tokens for templates).
    CLERK_API_URL: options.url,
    // Lets the SDK verify session tokens without a network call.
    CLERK_JWT_KEY: keys.publicPem,
  };
}

/** Proxy mode: the app's middleware forwards `/__clerk` to this server (clerkMiddleware's frontendApiProxy). */
export function clerkAppEnv(options: { url: string; dataDir: string }): Record<string, string> {
  return {
    ...serverEnv(options),
    // Where the app's /__clerk proxy forwards the browser's Frontend API calls.
    CLERK_FAPI_URL: options.url,
    NEXT_PUBLIC_CLERK_PROXY_URL: "/__clerk",
  };
}

/**
 * Direct mode, for an app nobody changed (its middleware proxies nothing): the browser calls this server itself.
 * With an absolute proxy URL the SDKs load clerk-js and @clerk/ui from `https://<proxy host>` whatever the proxy's
 * scheme (@clerk/shared loadClerkJsScript), so over plain HTTP the script URLs are given explicitly; with the HTTPS
 * listener (`httpsUrl`, its certificate trusted by the browser) the proxy URL alone is enough.
 */
export function clerkDirectAppEnv(options: {
  url: string;
  dataDir: string;
  httpsUrl?: string;
}): Record<string, string> {
  if (options.httpsUrl !== undefined) {
    return { ...serverEnv(options), NEXT_PUBLIC_CLERK_PROXY_URL: options.httpsUrl };
  }
  const clerkJs = bundleFor("clerk-js", "latest")?.version ?? "6";
  const ui = bundleFor("ui", "latest")?.version ?? "1";
  return {
    ...serverEnv(options),
    NEXT_PUBLIC_CLERK_PROXY_URL: options.url,
    NEXT_PUBLIC_CLERK_JS_URL: `${options.url}/npm/@clerk/clerk-js@${clerkJs}/dist/clerk.browser.js`,
    NEXT_PUBLIC_CLERK_UI_URL: `${options.url}/npm/@clerk/ui@${ui}/dist/ui.browser.js`,
  };
}
