// The env an app needs to use this server through the real Clerk SDKs: only env differs from a hosted Clerk setup.
import { loadOrCreateKeys } from "./keys";
import { PUBLISHABLE_KEY } from "./instance";

export function clerkAppEnv(options: { url: string; dataDir: string }): Record<string, string> {
  const keys = loadOrCreateKeys(options.dataDir);
  return {
    NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: PUBLISHABLE_KEY,
    CLERK_SECRET_KEY: keys.secretKey,
    // Backend API base (JWKS, users, session tokens for templates).
    CLERK_API_URL: options.url,
    // Where the app's /__clerk proxy forwards the browser's Frontend API calls.
    CLERK_FAPI_URL: options.url,
    NEXT_PUBLIC_CLERK_PROXY_URL: "/__clerk",
    // Lets the SDK verify session tokens without a network call.
    CLERK_JWT_KEY: keys.publicPem,
  };
}
