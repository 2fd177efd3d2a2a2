// App Router server side (Server Components, Server Actions, Route Handlers): the signed-in user's Convex token.
import "server-only";

import { auth0 } from "./client";
import { convexToken } from "./convex-token";

/** The token to pass `fetchQuery`/`preloadQuery`/`fetchMutation` as `{ token }`; undefined when signed out. */
export async function getConvexToken(): Promise<string | undefined> {
  // The middleware refreshed an expiring ID token for this request (see ./middleware.ts).
  return convexToken(await auth0.getSession());
}

/**
 * Whether the request carries a signed-in session, for server-rendered auth state (the header's controls). Reads the
 * session cookie, so it is per request: call it inside <Suspense> under cacheComponents, never inside "use cache".
 */
export async function isSignedIn(): Promise<boolean> {
  return (await auth0.getSession()) !== null;
}
