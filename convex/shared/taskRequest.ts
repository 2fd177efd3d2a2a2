// The contract of POST /api/tasks, shared by the App Router Route Handler and the Pages Router API route: both add a
// task to the public list as the signed-in user (their Convex token), and answer bad input, Convex's refusals and the
// rate limit with the same status and JSON error. Constants and pure helpers only, like clicksRequest.ts.
import { ConvexError } from "convex/values";

import type { JsonRequest } from "./jsonRequest";
import { readJsonRequest } from "./jsonRequest";
import { cleanText, TASK_TEXT_MAX } from "./limits";
import { retryAfterSeconds, tryAgainIn } from "./rateLimit";

/** A valid body is `{"text": <at most 280 characters>}`: under 2 KiB even with every character \u-escaped. */
export const TASK_BODY_MAX_BYTES = 2048;

export interface TaskBody {
  text: string;
}

/** What a created task looks like on the wire (201). */
export interface TaskCreated {
  id: string;
  text: string;
}

/** What every refusal looks like on the wire (both apps, every status). */
export interface TaskError {
  error: string;
}

export type TaskStatus = 400 | 405 | 413 | 415 | 429;
export interface TaskRefusal {
  status: TaskStatus;
  error: string;
  /** Whole seconds, for the Retry-After header of a 429 (RFC 9110 §10.2.3). */
  retryAfter?: number;
}

/** Other methods, HEAD and OPTIONS included, get 405: no preflight is answered, so no other origin can send JSON. */
export const TASKS_ALLOWED_METHODS = "POST";
export const TASKS_METHOD_NOT_ALLOWED: TaskError = { error: "Use POST." };

/** Checks the media type (415), the size (413), the JSON (400) and the fields (400), in that order. */
export async function parseTaskRequest(
  request: JsonRequest,
): Promise<{ ok: true; value: TaskBody } | { ok: false; refusal: TaskRefusal }> {
  const body = await readJsonRequest(request, TASK_BODY_MAX_BYTES);
  if (!body.ok) return { ok: false, refusal: { status: body.status, error: body.error } };
  const fields = parseTaskBody(body.value);
  return fields.ok ? fields : { ok: false, refusal: { status: 400, error: fields.error } };
}

/** The body's shape, and the text by tasks.create's own rule (limits.ts), so bad text never reaches Convex. */
export function parseTaskBody(
  body: unknown,
): { ok: true; value: TaskBody } | { ok: false; error: string } {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    return { ok: false, error: "Request body must be a JSON object." };
  }
  const { text, ...rest } = body as Record<string, unknown>;
  const unknown = Object.keys(rest);
  if (unknown.length > 0) return { ok: false, error: `Unknown field: ${unknown.join(", ")}.` };
  if (typeof text !== "string") return { ok: false, error: "text must be a string." };
  try {
    return { ok: true, value: { text: cleanText("Task text", text, TASK_TEXT_MAX) } };
  } catch (error) {
    return {
      ok: false,
      error: error instanceof ConvexError ? String(error.data) : "Bad task text.",
    };
  }
}

/**
 * What tasks.create's refusal means on the wire: the rate limiter's ConvexError is a 429 with Retry-After, a
 * ConvexError with a message (empty text, too long) a 400. Anything else is not the caller's fault: null (rethrow).
 */
export function taskRefusal(error: unknown): TaskRefusal | null {
  const seconds = retryAfterSeconds(error);
  if (seconds !== null) return { status: 429, error: tryAgainIn(seconds), retryAfter: seconds };
  if (error instanceof ConvexError && typeof error.data === "string")
    return { status: 400, error: error.data };
  return null;
}
