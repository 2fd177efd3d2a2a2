// Pages Router server side (getServerSideProps, API routes): the session cookie off the request. No
// `import "server-only"`: Next refuses it in the Pages Router; it strips getServerSideProps' imports from the client
// bundle instead.
import type { IncomingMessage } from "node:http";

import { openSession, SESSION_COOKIE } from "./session";
import { validIdToken } from "./tokens";

/** What the Pages Router hands getServerSideProps and API routes: Node's request with its parsed cookies. */
type PagesRequest = IncomingMessage & { cookies: Partial<Record<string, string>> };

const sessionOf = (req: PagesRequest) => openSession(req.cookies[SESSION_COOKIE]);

/** The token to pass `fetchQuery`/`preloadQuery`/`fetchMutation` as `{ token }`; undefined when signed out. */
export async function getConvexToken(req: PagesRequest): Promise<string | undefined> {
  return validIdToken(await sessionOf(req));
}

/** Props that let the client provider render the signed-in state on the server, without a flash. */
export async function authPageProps(req: PagesRequest): Promise<Record<string, unknown>> {
  const session = await sessionOf(req);
  // JSON-safe, unlike undefined; ./provider.tsx seeds the client's session state with it.
  return { oidcUser: session?.user ?? null };
}
