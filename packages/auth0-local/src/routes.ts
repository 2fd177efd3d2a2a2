// The routes this server answers itself, in one table; every other request goes to oidc-provider (server.ts).
import type { IncomingMessage, ServerResponse } from "node:http";

import type { Params, Route } from "@repo/local-server/route-table";
import { RouteTable } from "@repo/local-server/route-table";
import type Provider from "oidc-provider";

import type { Accounts } from "./accounts";
import type { Flavor } from "./flavor";
import { FLAVORS } from "./flavor";
import { HttpError, sendJson } from "./http";
import { handleLogin } from "./interactions";
import { v2LogoutLocation } from "./v2-logout";

export interface RouteContext {
  provider: Provider;
  accounts: Accounts;
  flavor: Flavor;
}

export type Handler = (
  context: RouteContext,
  request: IncomingMessage,
  response: ServerResponse,
  params: Params,
  url: URL,
) => void | Promise<void>;

const health: Handler = (_context, _request, response) => sendJson(response, 200, { status: "ok" });

const login: Handler = (context, request, response, params) =>
  handleLogin(
    context.provider,
    context.accounts,
    FLAVORS[context.flavor],
    params.uid ?? "",
    request,
    response,
  );

const v2Logout: Handler = async (context, _request, response, _params, url) => {
  const location = await v2LogoutLocation(context.provider, url.searchParams);
  response.writeHead(302, { location, "cache-control": "no-store" });
  response.end();
};

/** An interaction uid as oidc-provider makes them; anything else under the prefix is oidc-provider's (404). */
const loginRoute = (flavor: Flavor) => `${FLAVORS[flavor].loginPrefix}/:uid(^[\\w-]{1,64}$)`;

/** The flavor's rows: the login page at its own path, and /v2/logout for Auth0 only. */
export function routesFor(flavor: Flavor): readonly Route<Handler>[] {
  return [
    { method: "GET", path: "/health", handler: health },
    { method: "HEAD", path: "/health", handler: health },
    { method: "GET", path: loginRoute(flavor), handler: login },
    { method: "POST", path: loginRoute(flavor), handler: login },
    ...(FLAVORS[flavor].auth0Extras
      ? [{ method: "GET" as const, path: "/v2/logout", handler: v2Logout }]
      : []),
  ];
}

/** Auth0's table (the default flavor). */
export const ROUTES = routesFor("auth0");

/** No 405 and no 404 of its own: what the table does not match falls through to oidc-provider. */
export function routeTable(flavor: Flavor): RouteTable<Handler> {
  return new RouteTable<Handler>(routesFor(flavor), {
    notFound: () => new HttpError(404, "invalid_request", "Not found."),
  });
}
