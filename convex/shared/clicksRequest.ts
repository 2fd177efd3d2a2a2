// The request contract of POST /api/clicks, shared by the App Router Route Handler and the Pages Router API route so
// both answer bad input with the same status and JSON error before Convex is called, and write nothing.
// Not a Convex function module, so it lives outside Convex's functions folder (no `api.clicksRequest`): like limits.ts
// it exports constants and pure helpers only (no Node APIs).
import type { JsonRequest } from "./jsonRequest";
import { readJsonRequest } from "./jsonRequest";
import { COUNTER_STEP_MAX, NAME_MAX } from "./limits";

/**
 * The largest body read. A valid body is at most ~110 bytes (`{"counterName": <64 characters>, "by": 100}`, even
 * with every character \u-escaped it stays under 1 KiB); anything larger is refused with 413, unread when the
 * request declares its length.
 */
export const CLICKS_BODY_MAX_BYTES = 1024;

export interface ClicksBody {
  counterName: string;
  by?: number;
}

/** What every refusal looks like on the wire (both apps, every status). */
export interface ClicksError {
  error: string;
}

export type ClicksStatus = 400 | 405 | 413 | 415;
export type Parsed = { ok: true; value: ClicksBody } | { ok: false; error: string };
export type ParsedRequest =
  { ok: true; value: ClicksBody } | { ok: false; status: ClicksStatus; error: string };

/** The request as both routers see it (see jsonRequest.ts). */
export type ClicksRequest = JsonRequest;

/**
 * Every other method gets 405 with this Allow and METHOD_NOT_ALLOWED, HEAD and OPTIONS included: no preflight is
 * answered, so no other origin can get a browser to send the JSON POST.
 */
export const CLICKS_ALLOWED_METHODS = "GET, POST";
export const METHOD_NOT_ALLOWED: ClicksError = { error: "Use GET or POST." };

/** GET's `counterName` values (all of them): "clicks" when absent; a repeated one is ambiguous, so refused. */
export function counterNameFromQuery(
  values: readonly string[],
): { ok: true; value: string } | { ok: false; status: 400; error: string } {
  if (values.length > 1)
    return { ok: false, status: 400, error: "counterName must be given at most once." };
  return { ok: true, value: values[0] ?? "clicks" };
}

/** Checks the media type (415), the size (413), the JSON (400) and the fields (400), in that order. */
export async function parseClicksRequest(request: ClicksRequest): Promise<ParsedRequest> {
  const body = await readJsonRequest(request, CLICKS_BODY_MAX_BYTES);
  if (!body.ok) return body;
  const parsed = parseClicksBody(body.value);
  return parsed.ok ? parsed : { ok: false, status: 400, error: parsed.error };
}

/** Validates a parsed JSON body with the same limits the `counter.increment` mutation enforces. */
export function parseClicksBody(body: unknown): Parsed {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    return { ok: false, error: "Request body must be a JSON object." };
  }
  const { counterName, by, ...rest } = body as Record<string, unknown>;
  const unknown = Object.keys(rest);
  if (unknown.length > 0) return { ok: false, error: `Unknown field: ${unknown.join(", ")}.` };
  if (typeof counterName !== "string" || counterName.trim() === "") {
    return { ok: false, error: "counterName must be a non-empty string." };
  }
  if (counterName.length > NAME_MAX)
    return { ok: false, error: `counterName must be at most ${NAME_MAX} characters.` };
  if (
    by !== undefined &&
    (typeof by !== "number" || !Number.isInteger(by) || by < 1 || by > COUNTER_STEP_MAX)
  ) {
    return { ok: false, error: `by must be a whole number from 1 to ${COUNTER_STEP_MAX}.` };
  }
  return { ok: true, value: by === undefined ? { counterName } : { counterName, by } };
}
