// Reading a JSON request body for the apps' server routes (POST /api/clicks, POST /api/tasks): the media type, the
// size and the JSON, checked in that order with the same statuses and texts in both routers. Web APIs only, like the
// rest of convex/shared.
import { readAtMost } from "./bodyLimit";

/** The request as both routers see it: two headers and the raw body bytes (a Web stream or a Node request). */
export interface JsonRequest {
  contentType: string | null | undefined;
  contentLength: string | null | undefined;
  body: AsyncIterable<Uint8Array> | null;
}

export type JsonBody =
  { ok: true; value: unknown } | { ok: false; status: 400 | 413 | 415; error: string };

/**
 * Only `application/json` (UTF-8, the only charset JSON allows: RFC 8259 §8.1). This is what stops cross-site writes:
 * a page on another origin can send text/plain, form-urlencoded or multipart without a CORS preflight, but not JSON.
 */
function isJsonContentType(header: string | null | undefined): boolean {
  if (header === null || header === undefined) return false;
  const [essence = "", ...params] = header.split(";").map((part) => part.trim().toLowerCase());
  if (essence !== "application/json") return false;
  return params.every((param) => {
    const [name, value = ""] = param.split("=").map((part) => part.trim());
    return name !== "charset" || value.replace(/^"|"$/g, "") === "utf-8";
  });
}

/** 415 unless JSON, 413 over `maxBytes` (unread when the length is declared), 400 unless valid UTF-8 JSON. */
export async function readJsonRequest(request: JsonRequest, maxBytes: number): Promise<JsonBody> {
  if (!isJsonContentType(request.contentType)) {
    return { ok: false, status: 415, error: "Content-Type must be application/json." };
  }
  const tooLarge = {
    ok: false,
    status: 413,
    error: `Request body must be at most ${maxBytes} bytes.`,
  } as const;
  const declared = Number(request.contentLength ?? Number.NaN);
  if (Number.isFinite(declared) && declared > maxBytes) return tooLarge;
  const bytes = request.body === null ? new Uint8Array() : await readAtMost(request.body, maxBytes);
  if (bytes === null) return tooLarge;
  try {
    return { ok: true, value: JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes)) };
  } catch {
    return { ok: false, status: 400, error: "Request body must be valid JSON." };
  }
}
