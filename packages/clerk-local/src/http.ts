// Small HTTP plumbing shared by the Frontend and Backend API handlers: Clerk's error envelope, request parsing,
// and this server's CORS policy (the kit, @repo/local-server, does the reading and writing).
import type { IncomingMessage, ServerResponse } from "node:http";

import type { CorsPolicy } from "@repo/local-server/cors";
import { corsHeaders as policyHeaders } from "@repo/local-server/cors";
import { HttpError } from "@repo/local-server/http-error";
import { readBody } from "@repo/local-server/read-body";
import { sendJson as writeJson } from "@repo/local-server/respond";

export const MAX_BODY_BYTES = 64 * 1024;

export class ApiError extends HttpError {
  constructor(
    status: number,
    code: string,
    message: string,
    readonly paramName?: string,
    readonly extra: { longMessage?: string; meta?: Record<string, unknown> } = {},
  ) {
    super(status, code, message);
  }

  /** Clerk's error envelope: `{ errors: [{ code, message, long_message, meta }] }`. */
  override toJson() {
    return {
      errors: [
        {
          code: this.code,
          message: this.message,
          long_message: this.extra.longMessage ?? this.message,
          meta: {
            ...(this.paramName === undefined ? {} : { param_name: this.paramName }),
            ...this.extra.meta,
          },
        },
      ],
      clerk_trace_id: "offline",
    };
  }
}

export interface ParsedRequest {
  method: string;
  /** Path with any `/__clerk` proxy prefix removed. */
  path: string;
  query: URLSearchParams;
  body: Record<string, string>;
  jsonBody: unknown;
  headers: IncomingMessage["headers"];
}

const tooLarge = (limit: number) =>
  new ApiError(413, "request_body_too_large", `Request body is larger than ${limit} bytes.`);

/**
 * The request target as a URL. An origin-form target is appended to a dummy origin rather than resolved against
 * it, so `//x` stays a path (resolving would read it as a host); one that still does not parse is a 400.
 */
function requestUrl(target: string): URL {
  try {
    return new URL(target.startsWith("/") ? `http://localhost${target}` : target);
  } catch {
    throw new ApiError(400, "malformed_request", "The request URL is malformed.");
  }
}

export async function parseRequest(request: IncomingMessage): Promise<ParsedRequest> {
  const url = requestUrl(request.url ?? "/");
  const raw =
    request.method === "GET" || request.method === "HEAD"
      ? ""
      : (await readBody(request, { limit: MAX_BODY_BYTES, tooLarge })).toString("utf8");
  const type = request.headers["content-type"] ?? "";
  let body: Record<string, string> = {};
  let jsonBody: unknown = undefined;
  if (raw !== "" && type.includes("application/json")) {
    try {
      jsonBody = JSON.parse(raw);
    } catch {
      throw new ApiError(400, "malformed_request", "Request body is not valid JSON.");
    }
    if (typeof jsonBody === "object" && jsonBody !== null) {
      body = Object.fromEntries(
        Object.entries(jsonBody).flatMap(([key, value]) =>
          typeof value === "string" ? [[key, value]] : [],
        ),
      );
    }
  } else if (raw !== "") {
    body = Object.fromEntries(new URLSearchParams(raw));
  }
  // clerk-js tunnels PATCH/DELETE through POST with `_method` when it must.
  const override = url.searchParams.get("_method") ?? body._method;
  return {
    method: (override ?? request.method ?? "GET").toUpperCase(),
    path: url.pathname.replace(/^\/__clerk(?=\/)/, ""),
    query: url.searchParams,
    body,
    jsonBody,
    headers: request.headers,
  };
}

/** Credentialed CORS for any origin would let any web page read a signed-in client's session tokens. */
export const CORS_POLICY: CorsPolicy = {
  origins: "loopback",
  credentials: true,
  methods: "GET, POST, PATCH, PUT, DELETE, OPTIONS",
  headers: "content-type, authorization, x-clerk-api-version",
  exposeHeaders: "clerk-db-jwt, x-clerk-auth-status",
};

export function corsHeaders(request: IncomingMessage): Record<string, string> {
  return policyHeaders(request, CORS_POLICY);
}

export function sendJson(
  request: IncomingMessage,
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  writeJson(response, status, body, {
    ...corsHeaders(request),
    "cache-control": "no-store",
    ...headers,
  });
}
