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
 * listener (`httpsUrl`, its certificate trusted by the browser) the proxy URL alone is enough (each SDK then asks
 * for its own major).
 *
 * The script URLs name the major the app's SDK generation needs (`sdk`): Core 3 (`@clerk/nextjs` 7, `@clerk/react`
 * 6) loads clerk-js 6 and @clerk/ui 1; Core 2 (`@clerk/nextjs` 5 and 6, `@clerk/clerk-react` 5) loads clerk-js 5,
 * which has its UI built in, and no @clerk/ui (clerk-js 6 in a Core 2 app throws "Clerk was not loaded with Ui
 * components").
 */
export function clerkDirectAppEnv(options: {
  url: string;
  dataDir: string;
  httpsUrl?: string;
  /** The app's Clerk SDK generation; "core3" (this repo's) unless given. */
  sdk?: ClerkSdkGeneration;
}): Record<string, string> {
  if (options.httpsUrl !== undefined) {
    return { ...serverEnv(options), NEXT_PUBLIC_CLERK_PROXY_URL: options.httpsUrl };
  }
  const scripts = (path: string) => `${options.url}/npm/@clerk/${path}`;
  if (options.sdk === "core2") {
    const clerkJs = bundleFor("clerk-js", "5")?.version ?? "5";
    return {
      ...serverEnv(options),
      NEXT_PUBLIC_CLERK_PROXY_URL: options.url,
      NEXT_PUBLIC_CLERK_JS_URL: scripts(`clerk-js@${clerkJs}/dist/clerk.browser.js`),
    };
  }
  const clerkJs = bundleFor("clerk-js", "6")?.version ?? "6";
  const ui = bundleFor("ui", "1")?.version ?? "1";
  return {
    ...serverEnv(options),
    NEXT_PUBLIC_CLERK_PROXY_URL: options.url,
    NEXT_PUBLIC_CLERK_JS_URL: scripts(`clerk-js@${clerkJs}/dist/clerk.browser.js`),
    NEXT_PUBLIC_CLERK_UI_URL: scripts(`ui@${ui}/dist/ui.browser.js`),
  };
}

/** "core2": `@clerk/nextjs` 5-6 / `@clerk/clerk-react` 5 (clerk-js 5); "core3": `@clerk/nextjs` 7 / `@clerk/react` 6. */
export type ClerkSdkGeneration = "core2" | "core3";
