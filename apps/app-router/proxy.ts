// Next 16's middleware: Clerk authenticates every request, protects the signed-in-only routes, and (offline)
// proxies Clerk's Frontend API at /__clerk so the browser only ever talks to this app's origin.
import { clerkMiddleware, createRouteMatcher } from "@clerk/nextjs/server";

import { env } from "./env";

const isProtected = createRouteMatcher(["/private(.*)", "/server-auth(.*)"]);

export default clerkMiddleware(
  async (auth, request) => {
    if (isProtected(request)) await auth.protect();
  },
  {
    signInUrl: "/sign-in",
    ...(env.clerkJwtKey === undefined ? {} : { jwtKey: env.clerkJwtKey }),
    frontendApiProxy: { enabled: env.clerkProxyUrl !== undefined },
  },
);

export const config = {
  matcher: [
    // Everything but Next internals and static files…
    "/((?!_next|[^?]*\\.(?:html?|css|js(?!on)|jpe?g|webp|png|gif|svg|ttf|woff2?|ico|csv|docx?|xlsx?|zip|webmanifest)).*)",
    "/(api|trpc)(.*)",
    // …and all of the Clerk proxy, including its .js bundles.
    "/__clerk/(.*)",
  ],
};
