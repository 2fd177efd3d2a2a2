import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";

import { api } from "../convex/_generated/api";
import { newBackend } from "./setup";

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe("summaries", () => {
  test("the action computes a summary through an internal query", async () => {
    const t = newBackend();
    expect(await t.action(api.summaries.compute, { list: "l" })).toEqual({
      list: "l",
      total: 0,
      done: 0,
      text: '"l" has no tasks yet.',
    });
    const id = await t.mutation(api.tasks.create, { text: "a", list: "l" });
    await t.mutation(api.tasks.create, { text: "b", list: "l" });
    await t.mutation(api.tasks.toggle, { id });
    expect(await t.action(api.summaries.compute, { list: "l" })).toMatchObject({
      total: 2,
      done: 1,
      text: '"l": 1 of 2 done, 1 open.',
    });
  });

  test("a requested summary is written by the scheduled function", async () => {
    const t = newBackend();
    await t.mutation(api.tasks.create, { text: "a", list: "l" });
    await t.mutation(api.summaries.request, { list: "l" });
    expect(await t.query(api.summaries.latest, { list: "l" })).toBeNull();

    await t.finishAllScheduledFunctions(vi.runAllTimers);
    expect(await t.query(api.summaries.latest, { list: "l" })).toMatchObject({
      total: 1,
      done: 0,
      text: '"l": 0 of 1 done, 1 open.',
    });
    const jobs = await t.run(
      async (ctx) => await ctx.db.system.query("_scheduled_functions").collect(),
    );
    // Only the summary's job (the task's write also scheduled the cached pages' revalidation).
    const summaryJobs = jobs.filter((job) => job.name.startsWith("summaries"));
    expect(summaryJobs.map((job) => job.state.kind)).toEqual(["success"]);

    // A second request replaces the summary instead of adding another.
    await t.mutation(api.tasks.create, { text: "b", list: "l" });
    await t.mutation(api.summaries.request, { list: "l" });
    await t.finishAllScheduledFunctions(vi.runAllTimers);
    const rows = await t.run(async (ctx) => await ctx.db.query("summaries").collect());
    expect(rows).toHaveLength(1);
    expect(rows[0]?.total).toBe(2);
  });

  test("bad list names are rejected before anything is scheduled", async () => {
    const t = newBackend();
    await expect(t.mutation(api.summaries.request, { list: "" })).rejects.toThrow(
      "List name must not be empty.",
    );
    await expect(t.action(api.summaries.compute, { list: "x".repeat(65) })).rejects.toThrow(
      "List name must be at most 64",
    );
    const jobs = await t.run(
      async (ctx) => await ctx.db.system.query("_scheduled_functions").collect(),
    );
    expect(jobs).toEqual([]);
  });
});
