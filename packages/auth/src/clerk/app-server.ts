// App Router server side (Server Components, Server Actions, Route Handlers): the signed-in user's Convex token.
import "server-only";

import { auth } from "@clerk/nextjs/server";

import { convexToken } from "./convex-token";

/** The token to pass `fetchQuery`/`preloadQuery`/`fetchMutation` as `{ token }`; undefined when signed out. */
export async function getConvexToken(): Promise<string | undefined> {
  return convexToken(await auth());
}
