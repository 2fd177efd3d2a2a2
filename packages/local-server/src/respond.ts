// Writing an answer: JSON or plain text, with whatever headers the server adds (its CORS, cache policy).
import type { ServerResponse } from "node:http";

export type Headers = Readonly<Record<string, string>>;

/** `body` as JSON; `headers` may override the content type (e.g. with a charset). */
export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Headers = {},
): void {
  response.writeHead(status, { "content-type": "application/json", ...headers });
  response.end(JSON.stringify(body));
}

export function sendText(
  response: ServerResponse,
  status: number,
  text: string,
  headers: Headers = {},
): void {
  response.writeHead(status, { "content-type": "text/plain; charset=utf-8", ...headers });
  response.end(text);
}
