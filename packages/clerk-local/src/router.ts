// The shape of this server's routes: a handler gets the server context, the parsed request and the path's
// parameters, and answers JSON or a redirect. The table itself (matching) is the kit's (@repo/local-server).
import type { Route as KitRoute, Params } from "@repo/local-server/route-table";

import type { ServerContext } from "./context";
import type { ParsedRequest } from "./http";

export type { Params };

export type RouteResult =
  | { kind: "json"; status: number; body: unknown; headers?: Record<string, string> }
  | { kind: "redirect"; location: string };

export const json = (body: unknown, status = 200): RouteResult => ({ kind: "json", status, body });

export type Handler = (
  context: ServerContext,
  request: ParsedRequest,
  params: Params,
) => RouteResult | Promise<RouteResult>;

export type Route = KitRoute<Handler>;
