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

/**
 * Whether this request is signed in, for server-rendered UI (the header): a session cookie that opens. Its ID token
 * may be due; the middleware refreshes it on this request, and sign-in state does not depend on it.
 */
export async function isSignedIn(): Promise<boolean> {
  return (await openSession((await cookies()).get(SESSION_COOKIE)?.value)) !== null;
}
