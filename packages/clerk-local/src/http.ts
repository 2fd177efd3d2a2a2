// Small HTTP plumbing shared by the Frontend and Backend API handlers.
import type { IncomingMessage, ServerResponse } from "node:http";

import { isLoopbackUrl } from "./loopback";

export const MAX_BODY_BYTES = 64 * 1024;

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly paramName?: string,
    readonly extra: { longMessage?: string; meta?: Record<string, unknown> } = {},
  ) {
    super(message);
  }

  /** Clerk's error envelope: `{ errors: [{ code, message, long_message, meta }] }`. */
  toJson() {
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

const tooLarge = () =>
  new ApiError(
    413,
    "request_body_too_large",
    `Request body is larger than ${MAX_BODY_BYTES} bytes.`,
  );

/**
 * Reads the body up to MAX_BODY_BYTES. An oversize body is not destroyed (that resets the socket, and the client
 * sees ECONNRESET instead of the 413): the rest is left flowing to nowhere, so the 413 arrives and keep-alive works.
 */
function readBody(request: IncomingMessage): Promise<string> {
  if (Number(request.headers["content-length"] ?? 0) > MAX_BODY_BYTES) {
    request.resume();
    return Promise.reject(tooLarge());
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        request.off("data", onData);
        request.resume();
        chunks.length = 0;
        reject(tooLarge());
        return;
      }
      chunks.push(chunk);
    };
    request.on("data", onData);
    request.once("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    request.once("error", reject);
  });
}

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
  const raw = request.method === "GET" || request.method === "HEAD" ? "" : await readBody(request);
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

export function corsHeaders(request: IncomingMessage): Record<string, string> {
  const origin = request.headers.origin;
  // Credentialed CORS for any origin would let any web page read a signed-in client's session tokens.
  return origin === undefined || !isLoopbackUrl(origin)
    ? {}
    : {
        "access-control-allow-origin": origin,
        "access-control-allow-credentials": "true",
        "access-control-allow-methods": "GET, POST, PATCH, PUT, DELETE, OPTIONS",
        "access-control-allow-headers": "content-type, authorization, x-clerk-api-version",
        "access-control-expose-headers": "clerk-db-jwt, x-clerk-auth-status",
        vary: "origin",
      };
}

export function sendJson(
  request: IncomingMessage,
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, {
    ...corsHeaders(request),
    "content-type": "application/json",
    "cache-control": "no-store",
    ...headers,
  });
  response.end(JSON.stringify(body));
}
