import { rateLimitMessage } from "@repo/convex/rate-limit";
import { ConvexError } from "convex/values";

/**
 * What to show a user for a failed call: a ConvexError's own message, "try again in N s" for the rate limiter's
 * refusal (its data is an object), else a generic one (details go to the console).
 */
export function errorMessage(error: unknown): string {
  if (error instanceof ConvexError && typeof error.data === "string") return error.data;
  const limited = rateLimitMessage(error);
  if (limited !== null) return limited;
  console.error(error);
  return "Something went wrong. Please try again.";
}
