// errorMessage: users see a ConvexError's own text; anything else is generic, with the details in the console.
import { ConvexError } from "convex/values";
import { afterEach, describe, expect, it, vi } from "vitest";

import { errorMessage } from "../src/error-message";

afterEach(() => {
  vi.restoreAllMocks();
});

describe("errorMessage", () => {
  it("shows a ConvexError's string data and logs nothing", () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => undefined);
    expect(errorMessage(new ConvexError("Task text must not be empty."))).toBe(
      "Task text must not be empty.",
    );
    expect(log).not.toHaveBeenCalled();
  });

  it("says when to try again for the rate limiter's refusal, logging nothing", () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const refusal = new ConvexError({ kind: "RateLimited", name: "createTask", retryAfter: 4_100 });
    expect(errorMessage(refusal)).toBe("Too many new tasks: try again in 5 s.");
    expect(log).not.toHaveBeenCalled();
  });

  it.each([
    ["a plain Error", new Error("connect ECONNREFUSED 127.0.0.1:3210")],
    ["a ConvexError with structured data", new ConvexError({ code: "LIMIT" })],
    ["a thrown string", "boom"],
    ["undefined", undefined],
  ])("hides the details of %s and logs them", (_case, error) => {
    const log = vi.spyOn(console, "error").mockImplementation(() => undefined);
    expect(errorMessage(error)).toBe("Something went wrong. Please try again.");
    expect(log).toHaveBeenCalledWith(error);
  });
});
