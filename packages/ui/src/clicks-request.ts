// Validates the body of POST /api/clicks (the Route Handler and the Pages API route share it), so bad input is a
// 400 with a clear message before Convex is called.
import { COUNTER_STEP_MAX, NAME_MAX } from "@repo/convex/limits";

export interface ClicksBody {
  counterName: string;
  by?: number;
}
export type Parsed = { ok: true; value: ClicksBody } | { ok: false; error: string };

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
