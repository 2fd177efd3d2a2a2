// parseClicksBody: every way a POST /api/clicks body is refused, with the message the route returns as a 400.
import { COUNTER_STEP_MAX, NAME_MAX } from "@repo/convex/limits";
import { describe, expect, it } from "vitest";

import { parseClicksBody } from "../src/clicks-request";

describe("parseClicksBody", () => {
  it("accepts a counter name, with or without a step", () => {
    expect(parseClicksBody({ counterName: "home" })).toEqual({
      ok: true,
      value: { counterName: "home" },
    });
    expect(parseClicksBody({ counterName: "home", by: COUNTER_STEP_MAX })).toEqual({
      ok: true,
      value: { counterName: "home", by: COUNTER_STEP_MAX },
    });
    expect(parseClicksBody({ counterName: "n".repeat(NAME_MAX), by: 1 })).toMatchObject({
      ok: true,
    });
  });

  it.each([null, "counterName=home", 42, [{ counterName: "home" }], undefined])(
    "refuses a body that is not a JSON object: %j",
    (body) => {
      expect(parseClicksBody(body)).toEqual({
        ok: false,
        error: "Request body must be a JSON object.",
      });
    },
  );

  it("names unknown fields", () => {
    expect(parseClicksBody({ counterName: "home", step: 2 })).toEqual({
      ok: false,
      error: "Unknown field: step.",
    });
    expect(parseClicksBody({ counterName: "home", a: 1, b: 2 })).toEqual({
      ok: false,
      error: "Unknown field: a, b.",
    });
  });

  it.each([
    {},
    { counterName: "" },
    { counterName: "   " },
    { counterName: 7 },
    { counterName: null },
  ])("refuses a missing or blank counterName: %j", (body) => {
    expect(parseClicksBody(body)).toEqual({
      ok: false,
      error: "counterName must be a non-empty string.",
    });
  });

  it("refuses a counterName over the limit", () => {
    expect(parseClicksBody({ counterName: "n".repeat(NAME_MAX + 1) })).toEqual({
      ok: false,
      error: `counterName must be at most ${NAME_MAX} characters.`,
    });
  });

  it.each([0, -1, 1.5, COUNTER_STEP_MAX + 1, Number.NaN, Infinity, "2", null])(
    "refuses by = %j",
    (by) => {
      expect(parseClicksBody({ counterName: "home", by })).toEqual({
        ok: false,
        error: `by must be a whole number from 1 to ${COUNTER_STEP_MAX}.`,
      });
    },
  );
});
