// The routes this server answers itself, in one table; every other request goes to oidc-provider (server.ts).
import type { IncomingMessage, ServerResponse } from "node:http";

import type { Params, Route } from "@repo/local-server/route-table";
import { RouteTable } from "@repo/local-server/route-table";
import type Provider from "oidc-provider";

import type { Accounts } from "./accounts";
import { HttpError, sendJson } from "./http";
import { handleLogin } from "./interactions";
import { v2LogoutLocation } from "./v2-logout";

export interface RouteContext {
  provider: Provider;
  accounts: Accounts;
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
  handleLogin(context.provider, context.accounts, params.uid ?? "", request, response);

const v2Logout: Handler = async (context, _request, response, _params, url) => {
  const location = await v2LogoutLocation(context.provider, url.searchParams);
  response.writeHead(302, { location, "cache-control": "no-store" });
  response.end();
};

/** An interaction uid as oidc-provider makes them; any other `/u/login/…` is oidc-provider's to answer (404). */
const LOGIN = "/u/login/:uid(^[\\w-]{1,64}$)";

export const ROUTES: readonly Route<Handler>[] = [
  { method: "GET", path: "/health", handler: health },
  { method: "HEAD", path: "/health", handler: health },
  { method: "GET", path: LOGIN, handler: login },
  { method: "POST", path: LOGIN, handler: login },
  { method: "GET", path: "/v2/logout", handler: v2Logout },
];

/** No 405 and no 404 of its own: what the table does not match falls through to oidc-provider. */
export const routes = new RouteTable<Handler>(ROUTES, {
  notFound: () => new HttpError(404, "invalid_request", "Not found."),
});
