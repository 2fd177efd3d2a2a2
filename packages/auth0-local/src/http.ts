// Small HTTP plumbing for the routes this server adds beside oidc-provider's (login form, /v2/logout, /health):
// OAuth's error envelope over the kit's (@repo/local-server) error, body reading and JSON writing.
import type { IncomingMessage, ServerResponse } from "node:http";

import { HttpError as KitHttpError } from "@repo/local-server/http-error";
import { readBody } from "@repo/local-server/read-body";
import { sendJson as writeJson } from "@repo/local-server/respond";

export const MAX_FORM_BYTES = 16 * 1024;

export class HttpError extends KitHttpError {
  constructor(status: number, error: string, description: string) {
    super(status, error, description);
  }

  /** The OAuth error code (`invalid_request`, …). */
  get error(): string {
    return this.code;
  }

  /** OAuth's error envelope, as oidc-provider answers: `{ error, error_description }`. */
  override toJson() {
    return { error: this.code, error_description: this.message };
  }
}

/** An urlencoded form body up to MAX_FORM_BYTES; anything else is a 400/413/415 HttpError. */
export async function readForm(request: IncomingMessage): Promise<URLSearchParams> {
  const type = request.headers["content-type"] ?? "";
  if (!type.startsWith("application/x-www-form-urlencoded")) {
    request.resume();
    throw new HttpError(
      415,
      "invalid_request",
      "The form must be application/x-www-form-urlencoded.",
    );
  }
  const body = await readBody(request, {
    limit: MAX_FORM_BYTES,
    tooLarge: (limit) =>
      new HttpError(413, "invalid_request", `The form is larger than ${limit} bytes.`),
  });
  return new URLSearchParams(body.toString("utf8"));
}

export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  writeJson(response, status, body, {
    "content-type": "application/json; charset=utf-8",
    "cache-control": "no-store",
  });
}
