import { describe, expect, test } from "vitest";

import { api } from "../convex/_generated/api";
import { COUNTER_STEP_MAX as MAX_STEP } from "../shared/limits";
import { newBackend } from "./setup";

describe("counter", () => {
  test("starts at 0 and increments per name", async () => {
    const t = newBackend();
    expect(await t.query(api.counter.get, { counterName: "clicks" })).toBe(0);
    expect(await t.mutation(api.counter.increment, { counterName: "clicks" })).toBe(1);
    expect(await t.mutation(api.counter.increment, { counterName: "clicks", by: 5 })).toBe(6);
    expect(await t.query(api.counter.get, { counterName: "clicks" })).toBe(6);
    expect(await t.query(api.counter.get, { counterName: "other" })).toBe(0);
  });

  test.each([0, -1, 1.5, MAX_STEP + 1, Number.NaN])(
    "rejects by=%s and writes nothing",
    async (by) => {
      const t = newBackend();
      await expect(
        t.mutation(api.counter.increment, { counterName: "clicks", by }),
      ).rejects.toThrow(`by must be a whole number from 1 to ${MAX_STEP}.`);
      expect(await t.query(api.counter.get, { counterName: "clicks" })).toBe(0);
    },
  );

  test("rejects an empty or oversize name", async () => {
    const t = newBackend();
    await expect(t.mutation(api.counter.increment, { counterName: "" })).rejects.toThrow(
      "Counter name must not be empty.",
    );
    await expect(t.query(api.counter.get, { counterName: "n".repeat(65) })).rejects.toThrow(
      "Counter name must be at most 64",
    );
  });

  test("is readable over the HTTP action", async () => {
    const t = newBackend();
    await t.mutation(api.counter.increment, { counterName: "clicks", by: 3 });
    const ok = await t.fetch("/counter?name=clicks");
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ name: "clicks", value: 3 });

    const missing = await t.fetch("/counter");
    expect(missing.status).toBe(400);
    const bad = await t.fetch(`/counter?name=${"n".repeat(65)}`);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ error: expect.stringContaining("at most 64") as unknown });
  });
});
