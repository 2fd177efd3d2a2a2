// The POST /api/tasks contract both apps share: how a request is refused before Convex is called, and what
// tasks.create's refusals mean on the wire (the rate limiter's is a 429 with Retry-After).
import { ConvexError } from "convex/values";
import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { TASK_TEXT_MAX } from "../shared/limits";
import {
  parseTaskBody,
  parseTaskRequest,
  TASK_BODY_MAX_BYTES,
  taskRefusal,
} from "../shared/taskRequest";

const request = (text: string, contentType = "application/json") => {
  const bytes = new TextEncoder().encode(text);
  return {
    contentType,
    contentLength: String(bytes.byteLength),
    body: new Blob([bytes]).stream(),
  };
};

describe("parseTaskRequest", () => {
  it("accepts {text} and trims it as tasks.create would", async () => {
    expect(await parseTaskRequest(request('{"text":"  buy milk "}'))).toEqual({
      ok: true,
      value: { text: "buy milk" },
    });
  });

  it("accepts the longest valid text even with every character \\u-escaped", async () => {
    const escaped = `{"text":"${"\\u00e9".repeat(TASK_TEXT_MAX)}"}`;
    expect(escaped.length).toBeLessThanOrEqual(TASK_BODY_MAX_BYTES);
    expect(await parseTaskRequest(request(escaped))).toEqual({
      ok: true,
      value: { text: "é".repeat(TASK_TEXT_MAX) },
    });
  });

  it.each([
    ["text/plain (a cross-site form can send it)", '{"text":"x"}', "text/plain", 415],
    ["form-urlencoded", "text=x", "application/x-www-form-urlencoded", 415],
    ["a body over the limit", JSON.stringify({ text: "x".repeat(5000) }), "application/json", 413],
    ["malformed JSON", "{nope", "application/json", 400],
  ])("refuses %s with %i", async (_case, body, contentType, status) => {
    const parsed = await parseTaskRequest(request(body, contentType));
    expect(parsed).toMatchObject({ ok: false, refusal: { status } });
  });

  it("refuses a declared length over the limit without reading the body", async () => {
    let read = false;
    const parsed = await parseTaskRequest({
      contentType: "application/json",
      contentLength: String(TASK_BODY_MAX_BYTES + 1),
      body: {
        [Symbol.asyncIterator]() {
          read = true;
          return new Blob([]).stream()[Symbol.asyncIterator]();
        },
      },
    });
    expect(parsed).toEqual({
      ok: false,
      refusal: { status: 413, error: `Request body must be at most ${TASK_BODY_MAX_BYTES} bytes.` },
    });
    expect(read).toBe(false);
  });
});

describe("parseTaskBody", () => {
  it.each([
    ["a string", "x", "Request body must be a JSON object."],
    ["an array", [{ text: "x" }], "Request body must be a JSON object."],
    ["null", null, "Request body must be a JSON object."],
    ["no text", {}, "text must be a string."],
    ["a number as text", { text: 5 }, "text must be a string."],
    ["an unknown field", { text: "x", list: "other" }, "Unknown field: list."],
    ["blank text", { text: "  " }, "Task text must not be empty."],
    [
      "text over the limit",
      { text: "x".repeat(TASK_TEXT_MAX + 1) },
      `Task text must be at most ${TASK_TEXT_MAX} characters (got ${TASK_TEXT_MAX + 1}).`,
    ],
  ])("refuses %s: %s", (_case, body, error) => {
    expect(parseTaskBody(body)).toEqual({ ok: false, error });
  });

  it("either accepts a trimmed, non-empty text within the limit or names the problem, for any JSON (fast-check)", () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.jsonValue(), fc.record({ text: fc.string({ maxLength: 400 }) })),
        (body) => {
          const parsed = parseTaskBody(body);
          if (parsed.ok) {
            expect(parsed.value.text).toBe(parsed.value.text.trim());
            expect(parsed.value.text.length).toBeGreaterThan(0);
            expect(parsed.value.text.length).toBeLessThanOrEqual(TASK_TEXT_MAX);
          } else {
            expect(parsed.error).toMatch(/\S/);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe("taskRefusal", () => {
  const limited = (retryAfter: number) =>
    new ConvexError({ kind: "RateLimited", name: "createTask", retryAfter });

  it("makes the rate limiter's refusal a 429 with whole seconds to wait", () => {
    expect(taskRefusal(limited(5_200))).toEqual({
      status: 429,
      error: "Too many new tasks: try again in 6 s.",
      retryAfter: 6,
    });
    expect(taskRefusal(limited(3))).toMatchObject({ retryAfter: 1 });
  });

  it("makes tasks.create's message a 400, and leaves any other error to the route (null)", () => {
    expect(taskRefusal(new ConvexError("Task text must not be empty."))).toEqual({
      status: 400,
      error: "Task text must not be empty.",
    });
    expect(taskRefusal(new ConvexError({ kind: "Other" }))).toBeNull();
    expect(taskRefusal(new Error("network down"))).toBeNull();
  });
});
