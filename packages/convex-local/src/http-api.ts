// Convex's HTTP API, as ConvexHttpClient and convex/nextjs (fetchQuery, preloadQuery, fetchMutation,
// fetchAction) call it: POST /api/{query,mutation,action,function,query_ts,query_at_ts}.
import type { IncomingMessage, ServerResponse } from "node:http";

import type { JSONValue } from "convex/values";

import { AuthError } from "./auth";
import type { TokenVerifier } from "./auth";
import { callPublic } from "./calls";
import type { Engine, Outcome } from "./engine";
import type { FunctionKind } from "./functions";
import { identityFromHeader } from "./identity";
import { handleStorage } from "./storage-http";
import { encodeTs } from "./timestamp";
import { argsProblem } from "./value-decoder";

/** Convex rejects function arguments over 16 MiB; so does this server, before parsing them. */
export const MAX_BODY_BYTES = 16 * 1024 * 1024;
/** The status Convex uses for a function that threw. */
const FUNCTION_ERROR_STATUS = 560;

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface ApiContext {
  engine: Engine;
  verifier: TokenVerifier;
  instanceName: string;
}

export function corsHeaders(request: IncomingMessage): Record<string, string> {
  return {
    "access-control-allow-origin": request.headers.origin ?? "*",
    "access-control-allow-methods": "GET, POST, OPTIONS",
    "access-control-allow-headers": "content-type, authorization, convex-client",
    "access-control-max-age": "86400",
    vary: "origin",
  };
}

export function send(
  request: IncomingMessage,
  response: ServerResponse,
  status: number,
  body: unknown,
): void {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  response.writeHead(status, {
    ...corsHeaders(request),
    "content-type": typeof body === "string" ? "text/plain; charset=utf-8" : "application/json",
  });
  response.end(text);
}

export async function readBody(request: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
  const declared = Number(request.headers["content-length"] ?? 0);
  if (declared > limit)
    throw new HttpError(413, "RequestTooLarge", `Request body exceeds ${limit} bytes.`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > limit)
      throw new HttpError(413, "RequestTooLarge", `Request body exceeds ${limit} bytes.`);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

interface FunctionRequest {
  path: string;
  args: JSONValue;
}

function parseRequest(raw: Buffer, argsShape: "array" | "object"): FunctionRequest {
  let body: unknown;
  try {
    body = JSON.parse(raw.toString("utf8"));
  } catch {
    throw new HttpError(400, "BadJsonBody", "Request body is not valid JSON.");
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new HttpError(400, "BadJsonBody", "Request body must be a JSON object.");
  }
  const { path, args, format } = body as { path?: unknown; args?: unknown; format?: unknown };
  if (typeof path !== "string" || path === "") {
    throw new HttpError(
      400,
      "BadJsonBody",
      'Request body needs a string "path" (e.g. "tasks:list").',
    );
  }
  if (format !== undefined && format !== "convex_encoded_json" && format !== "json") {
    throw new HttpError(400, "BadJsonBody", `Unsupported format ${JSON.stringify(format)}.`);
  }
  // /api/query etc. take args as a one-element array; /api/function takes the object itself.
  const value =
    argsShape === "array" && Array.isArray(args) && args.length === 1 ? (args[0] as unknown) : args;
  const isObject = typeof value === "object" && value !== null && !Array.isArray(value);
  if (!isObject || (argsShape === "array" && !Array.isArray(args))) {
    throw new HttpError(
      400,
      "BadJsonBody",
      argsShape === "array"
        ? '"args" must be a one-element array holding an object.'
        : '"args" must be an object.',
    );
  }
  const problem = argsProblem(value);
  if (problem !== null) throw new HttpError(400, problem.code, problem.message);
  return { path, args: value as JSONValue };
}

function outcomeBody(outcome: Outcome): { status: number; body: Record<string, unknown> } {
  if (outcome.ok)
    return {
      status: 200,
      body: { status: "success", value: outcome.value, logLines: outcome.logLines },
    };
  return {
    status: FUNCTION_ERROR_STATUS,
    body: {
      status: "error",
      errorMessage: outcome.errorMessage,
      ...(outcome.errorData === undefined ? {} : { errorData: outcome.errorData }),
      logLines: outcome.logLines,
    },
  };
}

const ROUTES: Record<string, { kind: FunctionKind | "any"; args: "array" | "object" }> = {
  "/api/query": { kind: "query", args: "array" },
  "/api/query_at_ts": { kind: "query", args: "array" },
  "/api/mutation": { kind: "mutation", args: "array" },
  "/api/action": { kind: "action", args: "array" },
  "/api/function": { kind: "any", args: "object" },
};

/** Handles one request; returns false when the path is not part of this API. */
export async function handleApi(
  context: ApiContext,
  request: IncomingMessage,
  response: ServerResponse,
) {
  const url = new URL(request.url ?? "/", "http://localhost");
  try {
    if (request.method === "OPTIONS") {
      response.writeHead(204, corsHeaders(request));
      response.end();
      return true;
    }
    if (url.pathname === "/instance_name" && request.method === "GET") {
      send(request, response, 200, context.instanceName);
      return true;
    }
    if (url.pathname === "/version" && request.method === "GET") {
      send(request, response, 200, "convex-local");
      return true;
    }
    if (url.pathname === "/api/query_ts" && request.method === "POST") {
      send(request, response, 200, { ts: encodeTs(context.engine.ts) });
      return true;
    }
    if (await handleStorage(context.engine, request, response)) return true;
    const route = ROUTES[url.pathname];
    if (route === undefined) return false;
    if (request.method !== "POST")
      throw new HttpError(405, "MethodNotAllowed", `${url.pathname} only accepts POST.`);
    const parsed = parseRequest(await readBody(request), route.args);
    const identity = await identityFromHeader(request.headers.authorization, context.verifier);
    // query_at_ts is served at the latest timestamp: this backend keeps no history (see README).
    const outcome = await callPublic(
      context.engine,
      parsed.path,
      route.kind,
      parsed.args,
      identity,
    );
    const { status, body } = outcomeBody(outcome);
    send(request, response, status, body);
  } catch (error) {
    if (error instanceof HttpError) {
      send(request, response, error.status, { code: error.code, message: error.message });
    } else if (error instanceof AuthError) {
      send(request, response, 401, { code: "Unauthenticated", message: error.message });
    } else {
      throw error;
    }
  }
  return true;
}
