// CORS headers from a policy each server declares for itself; the kit only writes the headers, it sets no rules.
import type { IncomingMessage, ServerResponse } from "node:http";

import { isLoopbackUrl } from "./loopback";

export interface CorsPolicy {
  /**
   * "any": reflect the request's Origin (or `*` without one), for APIs a page on any origin may call.
   * "loopback": only origins on this machine get CORS headers at all (for credentialed APIs).
   */
  origins: "any" | "loopback";
  methods: string;
  headers: string;
  /** Send `access-control-allow-credentials: true`. */
  credentials?: boolean;
  exposeHeaders?: string;
  maxAgeSeconds?: number;
}

export function corsHeaders(request: IncomingMessage, policy: CorsPolicy): Record<string, string> {
  const origin = request.headers.origin;
  if (policy.origins === "loopback" && (origin === undefined || !isLoopbackUrl(origin))) return {};
  return {
    "access-control-allow-origin": origin ?? "*",
    ...(policy.credentials === true ? { "access-control-allow-credentials": "true" } : {}),
    "access-control-allow-methods": policy.methods,
    "access-control-allow-headers": policy.headers,
    ...(policy.exposeHeaders === undefined
      ? {}
      : { "access-control-expose-headers": policy.exposeHeaders }),
    ...(policy.maxAgeSeconds === undefined
      ? {}
      : { "access-control-max-age": String(policy.maxAgeSeconds) }),
    vary: "origin",
  };
}

/** Answers a preflight (OPTIONS) with 204 and the policy's headers. */
export function answerPreflight(
  request: IncomingMessage,
  response: ServerResponse,
  policy: CorsPolicy,
): void {
  response.writeHead(204, corsHeaders(request, policy));
  response.end();
}
