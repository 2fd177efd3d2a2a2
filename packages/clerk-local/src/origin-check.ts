// Login/logout CSRF: the dev browser rides in a cookie (and clerk-js's `_method` tunnels writes through POST), so a
// page on another site could sign the user in or out with a plain form post or an image. Clerk binds Frontend API
// writes to the instance's allowed origins; this emulator has no such list, so the apps it serves are the loopback
// origins (as for CORS, ./http `corsHeaders`) and an app reached through the Frontend API proxy (`Clerk-Proxy-Url`,
// which only a server can send: a browser would need a preflight, and no other origin gets one).
import type { IncomingMessage } from "node:http";

import { isLoopbackUrl } from "@repo/local-server/loopback";

import type { ParsedRequest } from "./http";
import { ApiError } from "./http";

const WRITES = new Set(["POST", "PUT", "PATCH", "DELETE"]);

function originOf(url: string | undefined): string | null {
  if (url === undefined) return null;
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

function allowed(origin: string, request: IncomingMessage): boolean {
  if (isLoopbackUrl(origin)) return true;
  const header = request.headers["clerk-proxy-url"];
  const proxy = originOf(typeof header === "string" ? header : undefined);
  return proxy !== null && proxy === originOf(origin);
}

/**
 * Throws Clerk's `origin_invalid` (400) for a write whose Origin is present and not an app of this machine's, and
 * refuses a GET or HEAD that `_method` would turn into a write (an `<img>` sends no Origin).
 */
export function refuseCrossOriginWrite(request: IncomingMessage, parsed: ParsedRequest): void {
  if (!WRITES.has(parsed.method)) return;
  const raw = (request.method ?? "GET").toUpperCase();
  if (!WRITES.has(raw)) {
    throw new ApiError(
      405,
      "request_method_invalid",
      `A ${raw} request cannot be a ${parsed.method}: _method only tunnels writes through POST.`,
    );
  }
  const origin = request.headers.origin;
  if (origin === undefined || allowed(origin, request)) return;
  throw new ApiError(400, "origin_invalid", "Invalid HTTP Origin header", undefined, {
    longMessage:
      "The Request HTTP Origin header must be equal to or a subdomain of the requesting URL.",
  });
}
