// Input limits shared by the backend (enforced) and the UI (shown before submit).
// Not a Convex function module (so outside Convex's functions folder: no `api.limits`): constants and pure helpers.
import { ConvexError } from "convex/values";

export const TASK_TEXT_MAX = 280;
export const NAME_MAX = 64;
/** The largest step one counter increment may take, so a single call cannot skew a shared counter. */
export const COUNTER_STEP_MAX = 100;
/** The public list both apps show when no list is named. */
export const DEFAULT_LIST = "demo";

/** Trims `value` and rejects it when empty or longer than `max`, naming the field in the error. */
export function cleanText(field: string, value: string, max: number): string {
  const trimmed = value.trim();
  if (trimmed.length === 0) {
    throw new ConvexError(`${field} must not be empty.`);
  }
  if (trimmed.length > max) {
    throw new ConvexError(`${field} must be at most ${max} characters (got ${trimmed.length}).`);
  }
  return trimmed;
}
