// Reading a request body up to a byte limit.
import type { IncomingMessage } from "node:http";

export interface ReadBodyOptions {
  limit: number;
  /** The error an oversize body rejects with (each server words and shapes its own 413). */
  tooLarge: (limit: number) => Error;
}

/**
 * The body as bytes, at most `limit` of them. An oversize body is refused from its Content-Length before reading,
 * or as soon as it passes the limit. It is not destroyed (that resets the socket, and the client sees ECONNRESET
 * instead of the 413): the rest is left flowing to nowhere, so the 413 arrives and keep-alive works.
 */
export function readBody(request: IncomingMessage, options: ReadBodyOptions): Promise<Buffer> {
  const { limit } = options;
  if (Number(request.headers["content-length"] ?? 0) > limit) {
    request.resume();
    return Promise.reject(options.tooLarge(limit));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        request.off("data", onData);
        request.resume();
        chunks.length = 0;
        reject(options.tooLarge(limit));
        return;
      }
      chunks.push(chunk);
    };
    request.on("data", onData);
    request.once("end", () => resolve(Buffer.concat(chunks)));
    request.once("error", reject);
  });
}
