import { ConvexError } from "convex/values";

/** What to show a user for a failed call: a ConvexError's own message, else a generic one (details go to the console). */
export function errorMessage(error: unknown): string {
  if (error instanceof ConvexError && typeof error.data === "string") return error.data;
  console.error(error);
  return "Something went wrong. Please try again.";
}
