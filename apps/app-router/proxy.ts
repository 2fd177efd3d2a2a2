// Next 16's middleware file. The shared auth middleware (Clerk's or Auth0's, as AUTH_PROVIDER picks), configured from
// this app's env.
import { authMiddleware } from "@repo/auth/middleware";

import { env } from "./env";

export default authMiddleware(env);

// Must be a literal here for Next to read it at build time.
export const config = {
  matcher: [
    // Everything but Next internals and static files…
    "/((?!_next|[^?]*\\.(?:html?|css|js(?!on)|jpe?g|webp|png|gif|svg|ttf|woff2?|ico|csv|docx?|xlsx?|zip|webmanifest)).*)",
    // …every API route, even one whose path ends like a file (the pattern above skips those)…
    "/api/(.*)",
    // …and all of Clerk's Frontend API proxy (used with Clerk only), including its .js bundles.
    "/__clerk/(.*)",
  ],
};
