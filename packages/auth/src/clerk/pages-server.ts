// Pages Router server side (getServerSideProps, API routes): Clerk reads the request the middleware verified.
// No `import "server-only"`: Next refuses it in the Pages Router; it strips getServerSideProps' imports from the
// client bundle instead.

import { buildClerkProps, getAuth } from "@clerk/nextjs/server";

import { convexToken } from "./convex-token";

type AuthRequest = Parameters<typeof getAuth>[0];

/** The token to pass `fetchQuery`/`preloadQuery`/`fetchMutation` as `{ token }`; undefined when signed out. */
export function getConvexToken(req: AuthRequest): Promise<string | undefined> {
  return convexToken(getAuth(req));
}

/** Props that let the client provider render the signed-in state on the server, without a flash. */
export function authPageProps(req: AuthRequest): Promise<Record<string, unknown>> {
  // Async for every provider's sake (Auth0 reads an encrypted session); Clerk's props are ready at once.
  return Promise.resolve(buildClerkProps(req));
}
