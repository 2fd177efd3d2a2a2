// How many tasks one user may create, and how a refusal reads. Shared by the backend (tasks.create enforces it
// with @convex-dev/rate-limiter) and the apps (they show the component's refusal as "try again in N s").
// Not a Convex function module: constants and pure helpers.
import { ConvexError } from "convex/values";

const MINUTE = 60_000;

/**
 * Task creation per signed-in user: a burst of 10, then one every 6 s. Signed-out writes (public lists, the
 * Server Action without a session) share one bucket, high enough for every spec and benchmark that writes as
 * nobody, low enough that a runaway script cannot flood a list.
 */
export const TASK_CREATION_LIMITS = {
  createTask: { kind: "token bucket", rate: 10, period: MINUTE, capacity: 10 },
  createTaskSignedOut: { kind: "token bucket", rate: 2000, period: MINUTE, capacity: 2000 },
} as const;

/** The data of the component's ConvexError (`{ kind: "RateLimited", name, retryAfter }`, retryAfter in ms). */
export interface RateLimited {
  kind: "RateLimited";
  name: string;
  retryAfter: number;
}

export function isRateLimited(data: unknown): data is RateLimited {
  if (typeof data !== "object" || data === null) return false;
  const { kind, retryAfter } = data as { kind?: unknown; retryAfter?: unknown };
  return kind === "RateLimited" && typeof retryAfter === "number";
}

/** Whole seconds until the rate limiter would allow the call (at least 1); null for any other error. */
export function retryAfterSeconds(error: unknown): number | null {
  if (!(error instanceof ConvexError) || !isRateLimited(error.data)) return null;
  return Math.max(1, Math.ceil(error.data.retryAfter / 1000));
}

/** "try again in N s" for a rate limiter's refusal; null for any other error. */
export function rateLimitMessage(error: unknown): string | null {
  const seconds = retryAfterSeconds(error);
  return seconds === null ? null : tryAgainIn(seconds);
}

export const tryAgainIn = (seconds: number) => `Too many new tasks: try again in ${seconds} s.`;
