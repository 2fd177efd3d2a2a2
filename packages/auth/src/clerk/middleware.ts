// The Clerk middleware both apps export from proxy.ts: authenticate every request, send signed-out visitors of the
// private pages to /sign-in, and (offline) serve Clerk's Frontend API through the app at /__clerk.
import { clerkMiddleware, createRouteMatcher } from "@clerk/nextjs/server";

import type { AppEnv } from "../env";
import { PROTECTED_PREFIXES } from "../protected-routes";

export function authMiddleware(env: Pick<AppEnv, "clerkJwtKey" | "clerkProxyUrl">) {
  const isProtected = createRouteMatcher(PROTECTED_PREFIXES.map((prefix) => `${prefix}(.*)`));
  return clerkMiddleware(
    async (auth, request) => {
      if (isProtected(request)) await auth.protect();
    },
    {
      signInUrl: "/sign-in",
      // With the key, session tokens are verified without a network call.
      ...(env.clerkJwtKey === undefined ? {} : { jwtKey: env.clerkJwtKey }),
      frontendApiProxy: { enabled: env.clerkProxyUrl !== undefined },
    },
  );
}
