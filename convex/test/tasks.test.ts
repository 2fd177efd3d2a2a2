import type { PaginationResult } from "convex/server";
import { ConvexError } from "convex/values";
import { describe, expect, test } from "vitest";

import { api } from "../convex/_generated/api";
import type { Doc } from "../convex/_generated/dataModel";
import { TASK_TEXT_MAX } from "../shared/limits";
import { isRateLimited, rateLimitMessage, TASK_CREATION_LIMITS } from "../shared/rateLimit";
import { alice, bob, newBackend } from "./setup";

async function countTasks(t: ReturnType<typeof newBackend>) {
  return await t.run(async (ctx) => (await ctx.db.query("tasks").collect()).length);
}

describe("public lists", () => {
  test("anyone can add to and read a named list, oldest first, trimmed", async () => {
    const t = newBackend();
    await t.mutation(api.tasks.create, { text: "  first  ", list: "groceries" });
    await t.withIdentity(alice).mutation(api.tasks.create, { text: "second", list: "groceries" });
    await t.mutation(api.tasks.create, { text: "elsewhere", list: "other" });

    const tasks = await t.query(api.tasks.list, { list: "groceries" });
    expect(tasks.map((task) => task.text)).toEqual(["first", "second"]);
    expect(tasks.every((task) => !task.done)).toBe(true);
  });

  test("toggle flips done and returns the new state", async () => {
    const t = newBackend();
    const id = await t.mutation(api.tasks.create, { text: "x", list: "l" });
    expect(await t.mutation(api.tasks.toggle, { id })).toBe(true);
    expect(await t.mutation(api.tasks.toggle, { id })).toBe(false);
    const [task] = await t.query(api.tasks.list, { list: "l" });
    expect(task?.done).toBe(false);
  });

  test("anonymous tasks can be removed by anyone; owned ones only by their author", async () => {
    const t = newBackend();
    const anonymous = await t.mutation(api.tasks.create, { text: "anon", list: "l" });
    const alices = await t.withIdentity(alice).mutation(api.tasks.create, { text: "a", list: "l" });

    await t.withIdentity(bob).mutation(api.tasks.remove, { id: anonymous });
    await expect(t.withIdentity(bob).mutation(api.tasks.remove, { id: alices })).rejects.toThrow(
      "Only the task's author can change it.",
    );
    await expect(t.mutation(api.tasks.toggle, { id: alices })).rejects.toThrow(
      "Only the task's author can change it.",
    );
    await t.withIdentity(alice).mutation(api.tasks.remove, { id: alices });
    expect(await t.query(api.tasks.list, { list: "l" })).toEqual([]);
  });
});

describe("private tasks", () => {
  test("are visible only to their owner", async () => {
    const t = newBackend();
    await t.withIdentity(alice).mutation(api.tasks.create, { text: "alice's secret" });
    await t.withIdentity(bob).mutation(api.tasks.create, { text: "bob's secret" });

    const mine = await t.withIdentity(alice).query(api.tasks.mine, {});
    expect(mine.map((task) => task.text)).toEqual(["alice's secret"]);
    expect(await t.query(api.tasks.mine, {})).toEqual([]);
    // Private tasks never leak into a public list.
    expect(await t.query(api.tasks.list, { list: "alice's secret" })).toEqual([]);
  });

  test("another user cannot toggle or remove them, and learns nothing about them", async () => {
    const t = newBackend();
    const id = await t.withIdentity(alice).mutation(api.tasks.create, { text: "secret" });
    for (const fn of [api.tasks.toggle, api.tasks.remove]) {
      await expect(t.withIdentity(bob).mutation(fn, { id })).rejects.toThrow("Task not found.");
      await expect(t.mutation(fn, { id })).rejects.toThrow("Task not found.");
    }
    const [task] = await t.withIdentity(alice).query(api.tasks.mine, {});
    expect(task).toMatchObject({ text: "secret", done: false });
  });

  test("need sign-in to create", async () => {
    const t = newBackend();
    await expect(t.mutation(api.tasks.create, { text: "x" })).rejects.toThrow(
      "Sign in to add private tasks.",
    );
    expect(await countTasks(t)).toBe(0);
  });

  test("creating one stores the author's user row once", async () => {
    const t = newBackend();
    await t.withIdentity(alice).mutation(api.tasks.create, { text: "1" });
    await t.withIdentity(alice).mutation(api.tasks.create, { text: "2" });
    const users = await t.run(async (ctx) => await ctx.db.query("users").collect());
    expect(users).toHaveLength(1);
    expect(users[0]).toMatchObject({ name: "Alice", tokenIdentifier: alice.tokenIdentifier });
  });
});

describe("bad input is rejected and writes nothing", () => {
  const cases: [string, { text: string; list?: string }, string][] = [
    ["empty text", { text: "", list: "l" }, "Task text must not be empty."],
    ["blank text", { text: "   ", list: "l" }, "Task text must not be empty."],
    [
      "oversize text",
      { text: "x".repeat(TASK_TEXT_MAX + 1), list: "l" },
      `Task text must be at most ${TASK_TEXT_MAX} characters`,
    ],
    ["empty list name", { text: "ok", list: " " }, "List name must not be empty."],
    ["oversize list name", { text: "ok", list: "l".repeat(65) }, "List name must be at most 64"],
  ];
  test.each(cases)("%s", async (_name, args, message) => {
    const t = newBackend();
    await expect(t.withIdentity(alice).mutation(api.tasks.create, args)).rejects.toThrow(message);
    expect(await countTasks(t)).toBe(0);
  });

  test("text at exactly the limit is accepted", async () => {
    const t = newBackend();
    await t.mutation(api.tasks.create, { text: "x".repeat(TASK_TEXT_MAX), list: "l" });
    expect(await countTasks(t)).toBe(1);
  });

  test("arguments of the wrong type fail validation", async () => {
    const t = newBackend();
    // @ts-expect-error -- deliberately wrong type, as an untyped client could send.
    await expect(t.mutation(api.tasks.create, { text: 42, list: "l" })).rejects.toThrow(
      /Validator error/,
    );
    // @ts-expect-error -- unknown fields are rejected too.
    await expect(t.mutation(api.tasks.create, { text: "x", list: "l", extra: 1 })).rejects.toThrow(
      /Validator error/,
    );
    await expect(
      // @ts-expect-error -- an id of another table is not a task id.
      t.mutation(api.tasks.toggle, { id: "not-an-id" }),
    ).rejects.toThrow();
    expect(await countTasks(t)).toBe(0);
  });
});

describe("pagination", () => {
  test("pages through a list newest first without gaps or repeats", async () => {
    const t = newBackend();
    for (let i = 0; i < 7; i++) {
      await t.mutation(api.tasks.create, { text: `task ${i}`, list: "paged" });
    }
    await t.mutation(api.tasks.create, { text: "other list", list: "elsewhere" });

    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    for (;;) {
      const result: PaginationResult<Doc<"tasks">> = await t.query(api.tasks.page, {
        list: "paged",
        paginationOpts: { numItems: 3, cursor },
      });
      pages += 1;
      seen.push(...result.page.map((task) => task.text));
      if (result.isDone) break;
      cursor = result.continueCursor;
    }
    expect(seen).toEqual(["task 6", "task 5", "task 4", "task 3", "task 2", "task 1", "task 0"]);
    expect(pages).toBe(3);
  });
});

describe("rate limiting (@convex-dev/rate-limiter)", () => {
  const { capacity } = TASK_CREATION_LIMITS.createTask;

  test("a user's burst is capped: the next create throws the component's ConvexError and writes nothing", async () => {
    const t = newBackend();
    const asAlice = t.withIdentity(alice);
    for (let index = 0; index < capacity; index++)
      await asAlice.mutation(api.tasks.create, { text: `task ${index}`, list: "burst" });
    const before = await countTasks(t);
    const error = await asAlice
      .mutation(api.tasks.create, { text: "one too many", list: "burst" })
      .then(
        () => null,
        (thrown: unknown) => thrown,
      );
    expect(error).toBeInstanceOf(ConvexError);
    const data: unknown = (error as ConvexError<Record<string, number | string>>).data;
    expect(isRateLimited(data)).toBe(true);
    expect(rateLimitMessage(error)).toMatch(/^Too many new tasks: try again in \d+ s\.$/);
    expect(await countTasks(t)).toBe(before);
    // Per user: Bob, and signed-out writes, still have their own buckets.
    await t.withIdentity(bob).mutation(api.tasks.create, { text: "bob's", list: "burst" });
    await t.mutation(api.tasks.create, { text: "nobody's", list: "burst" });
  });

  test("the refusal says how long to wait, rounded up to whole seconds", () => {
    const refusal = (retryAfter: number) =>
      new ConvexError({ kind: "RateLimited", name: "createTask", retryAfter });
    expect(rateLimitMessage(refusal(5_200))).toBe("Too many new tasks: try again in 6 s.");
    expect(rateLimitMessage(refusal(10))).toBe("Too many new tasks: try again in 1 s.");
    expect(rateLimitMessage(new ConvexError("Task text must not be empty."))).toBeNull();
    expect(rateLimitMessage(new Error("boom"))).toBeNull();
  });
});
