// Every route of the API port, in one table (the WebSocket sync upgrade is server.ts's). Each area of the API
// lists its routes in its own file; adding one is a line there.
import type { IncomingMessage, ServerResponse } from "node:http";

import { answerPreflight } from "@repo/local-server/cors";
import { RouteTable } from "@repo/local-server/route-table";

import { ADMIN_ROUTES } from "./admin/routes";
import type { ApiContext, ApiHandler } from "./http";
import { CORS_POLICY, HttpError, requestUrl, sendError } from "./http";
import { FUNCTION_ROUTES, INSTANCE_ROUTES } from "./http-api";
import { STORAGE_ROUTES } from "./storage-http";

const table = new RouteTable<ApiHandler>(
  [...INSTANCE_ROUTES, ...FUNCTION_ROUTES, ...STORAGE_ROUTES, ...ADMIN_ROUTES],
  {
    notFound: (method, path) => new HttpError(404, "NotFound", `No route ${method} ${path}.`),
    methodNotAllowed: (_method, path, allow) =>
      new HttpError(405, "MethodNotAllowed", `${path} only accepts ${allow.join(", ")}.`, {
        allow: allow.join(", "),
      }),
  },
);

/** Answers one request of the API port: a CORS preflight for any path, else its route's answer, 404 or 405. */
export async function handleApi(
  context: ApiContext,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  try {
    if (request.method === "OPTIONS") {
      answerPreflight(request, response, CORS_POLICY);
      return;
    }
    const { pathname } = requestUrl(request);
    const { handler, params } = table.resolve(request.method ?? "GET", pathname);
    await handler(context, request, response, params);
  } catch (error) {
    sendError(request, response, error);
  }
}
