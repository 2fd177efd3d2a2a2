// App Router server side (Server Components, Server Actions, Route Handlers): the signed-in user's Convex token.
import "server-only";

import { cookies } from "next/headers";

import { openSession, SESSION_COOKIE } from "./session";
import { validIdToken } from "./tokens";

/** The token to pass `fetchQuery`/`preloadQuery`/`fetchMutation` as `{ token }`; undefined when signed out. */
export async function getConvexToken(): Promise<string | undefined> {
  // The middleware refreshed a due ID token for this request (see ./middleware.ts).
  const session = await openSession((await cookies()).get(SESSION_COOKIE)?.value);
  return validIdToken(session);
}
