// Function errors in the shape Convex clients expect: ConvexError carries `errorData` (and only it does,
// since a defined errorData makes the client throw ConvexError); other errors carry a message.
import type { JSONValue, Value } from "convex/values";
import { convexToJson } from "convex/values";

const CONVEX_ERROR = Symbol.for("ConvexError");

export function isConvexError(error: unknown): error is Error & { data: Value } {
  return (
    typeof error === "object" &&
    error !== null &&
    (error as Record<symbol, unknown>)[CONVEX_ERROR] === true
  );
}

export function describeError(error: unknown): { errorMessage: string; errorData?: JSONValue } {
  if (isConvexError(error)) {
    return {
      errorMessage: `Uncaught ConvexError: ${error.message}`,
      errorData: convexToJson(error.data),
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  // Validation errors already name themselves ("ArgumentValidationError: ..."), as the real backend prints them.
  return {
    errorMessage: /^[A-Z]\w*Error: /.test(message) ? message : `Uncaught Error: ${message}`,
  };
}
