// App Router server side (Server Components, Server Actions, Route Handlers): the signed-in user's Convex token.
import "server-only";

import { auth } from "@clerk/nextjs/server";

import { convexToken } from "./convex-token";

/** The token to pass `fetchQuery`/`preloadQuery`/`fetchMutation` as `{ token }`; undefined when signed out. */
export async function getConvexToken(): Promise<string | undefined> {
  return convexToken(await auth());
}

/**
 * Whether the request carries a signed-in session, for server-rendered auth state (the header's controls). Reads the
 * request, so it is per request: call it inside <Suspense> under cacheComponents, never inside "use cache".
 */
export async function isSignedIn(): Promise<boolean> {
  return (await auth()).userId !== null;
}
