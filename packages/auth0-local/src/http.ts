// Small HTTP plumbing for the routes this server adds beside oidc-provider's (login form, /v2/logout, /health).
import type { IncomingMessage, ServerResponse } from "node:http";

export const MAX_FORM_BYTES = 16 * 1024;

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    description: string,
  ) {
    super(description);
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
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_FORM_BYTES) {
      request.resume();
      throw new HttpError(
        413,
        "invalid_request",
        `The form is larger than ${MAX_FORM_BYTES} bytes.`,
      );
    }
    chunks.push(chunk);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
}

export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "cache-control": "no-store",
  });
  response.end(JSON.stringify(body));
}
