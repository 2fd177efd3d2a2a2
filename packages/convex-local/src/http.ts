// The HTTP plumbing of the API port and the site port: this server's CORS policy, JSON/text answers, the body
// limit, and Convex's `{ code, message }` error answers. Reading and writing are the kit's (@repo/local-server).
import type { IncomingMessage, ServerResponse } from "node:http";

import type { CorsPolicy } from "@repo/local-server/cors";
import { corsHeaders as policyHeaders } from "@repo/local-server/cors";
import { HttpError } from "@repo/local-server/http-error";
import { readBody as readLimited } from "@repo/local-server/read-body";
import { sendJson, sendText } from "@repo/local-server/respond";
import type { Route as KitRoute, Params } from "@repo/local-server/route-table";

import { AuthError } from "./auth";
import type { TokenVerifier } from "./auth";
import type { DeploymentEnv } from "./deployment-env";
import type { Engine } from "./engine";

export { HttpError };
export type { Params };

/** Convex rejects function arguments over 16 MiB; so does this server, before parsing them. */
export const MAX_BODY_BYTES = 16 * 1024 * 1024;

/** What every API route handler gets. */
export interface ApiContext {
  engine: Engine;
  verifier: TokenVerifier;
  instanceName: string;
  /** What admin routes require (./admin-key requireAdmin). */
  adminKey: string;
  /** The deployment's environment variables (`npx convex env`). */
  deploymentEnv: DeploymentEnv;
}

export type ApiHandler = (
  context: ApiContext,
  request: IncomingMessage,
  response: ServerResponse,
  params: Params,
) => void | Promise<void>;

/** One line of the API's route table (./routes): method, path pattern, handler. */
export type Route = KitRoute<ApiHandler>;

/** Convex's clients call from any page (the browser sends the token in a header, not a cookie). */
export const CORS_POLICY: CorsPolicy = {
  origins: "any",
  methods: "GET, POST, OPTIONS",
  headers: "content-type, authorization, convex-client",
  maxAgeSeconds: 86400,
};

export function corsHeaders(request: IncomingMessage): Record<string, string> {
  return policyHeaders(request, CORS_POLICY);
}

/**
 * The request target as a URL. An origin-form target is appended to a dummy origin rather than resolved against
 * it, so `//x` stays a path (resolving would read it as a host); one that still does not parse is a 400.
 */
export function requestUrl(request: IncomingMessage): URL {
  const target = request.url ?? "/";
  const url = URL.parse(target.startsWith("/") ? `http://localhost${target}` : target);
  if (url === null)
    throw new HttpError(400, "BadRequest", "The request target is not a valid URL.");
  return url;
}

/** A string as text/plain, anything else as JSON. */
export function send(
  request: IncomingMessage,
  response: ServerResponse,
  status: number,
  body: unknown,
): void {
  if (typeof body === "string") sendText(response, status, body, corsHeaders(request));
  else sendJson(response, status, body, corsHeaders(request));
}

export function readBody(request: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
  return readLimited(request, {
    limit,
    tooLarge: (bytes) =>
      new HttpError(413, "RequestTooLarge", `Request body exceeds ${bytes} bytes.`),
  });
}

/** Answers a thrown error: an HttpError or AuthError as the client's fault, anything else as a logged 500. */
export function sendError(
  request: IncomingMessage,
  response: ServerResponse,
  error: unknown,
): void {
  const known =
    error instanceof AuthError ? new HttpError(401, "Unauthenticated", error.message) : error;
  if (!(known instanceof HttpError)) console.error("convex-local: internal error:", error);
  if (response.headersSent) {
    response.end();
    return;
  }
  if (known instanceof HttpError) {
    sendJson(response, known.status, known.toJson(), {
      ...corsHeaders(request),
      ...known.headers,
    });
    return;
  }
  const message = error instanceof Error ? error.message : String(error);
  sendJson(response, 500, { code: "InternalServerError", message }, corsHeaders(request));
}
