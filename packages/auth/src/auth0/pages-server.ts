// Pages Router server side (getServerSideProps, API routes): nextjs-auth0 reads the session cookie off the request.
// No `import "server-only"`: Next refuses it in the Pages Router; it strips getServerSideProps' imports from the
// client bundle instead.
import type { PagesRouterRequest } from "@auth0/nextjs-auth0/types";

import { auth0 } from "./client";
import { convexToken } from "./convex-token";

/** The token to pass `fetchQuery`/`preloadQuery`/`fetchMutation` as `{ token }`; undefined when signed out. */
export async function getConvexToken(req: PagesRouterRequest): Promise<string | undefined> {
  return convexToken(await auth0.getSession(req));
}

/** Props that let the client provider render the signed-in state on the server, without a flash. */
export async function authPageProps(req: PagesRouterRequest): Promise<Record<string, unknown>> {
  const session = await auth0.getSession(req);
  // Auth0Provider seeds useUser() with it (see ./provider.tsx); JSON-safe, unlike undefined.
  return { auth0User: session?.user ?? null };
}
