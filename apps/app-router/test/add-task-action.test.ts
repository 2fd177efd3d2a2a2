// The addTask Server Action against a real local Convex backend: whatever a caller sends (Server Actions are public
// endpoints that take any serialisable arguments), bad input is the action's own error state, never a thrown error
// (a 500), and nothing is written.
import type { TestBackend } from "@repo/convex-local/testing";
import { startBackend } from "@repo/convex-local/testing";
import { api } from "@repo/convex/api";
import { DEFAULT_LIST, TASK_TEXT_MAX } from "@repo/convex/limits";
import { TASK_CREATION_LIMITS } from "@repo/convex/rate-limit";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

const backend = vi.hoisted(() => ({ url: "" }));
vi.mock("../env", () => ({
  env: {
    get convexUrl() {
      return backend.url;
    },
  },
}));
// Outside a Next request there is no cache to revalidate; the call itself is what the action owes Next.
const revalidatePath = vi.hoisted(() => vi.fn());
vi.mock("next/cache", () => ({ revalidatePath }));
// Outside a Next request there is no session either: the token the action writes with is the test's to set.
const session = vi.hoisted(() => ({ token: undefined as string | undefined }));
vi.mock("@repo/auth/app-server", () => ({ getConvexToken: () => Promise.resolve(session.token) }));

const { addTask } = await import("../app/server-action/actions");

let local: TestBackend;
beforeAll(async () => {
  local = await startBackend();
  backend.url = local.url;
});
afterAll(() => local.stop());

const initial = { error: null, added: null };
const form = (fields: Record<string, string | Blob>) => {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.append(name, value);
  return data;
};
const listed = async () =>
  (await local.http().query(api.tasks.list, { list: DEFAULT_LIST })).map((task) => task.text);

describe("addTask", () => {
  it("adds the trimmed text to the public list and revalidates the page", async () => {
    const text = `action ${crypto.randomUUID().slice(0, 8)}`;
    expect(await addTask(initial, form({ text: `  ${text} ` }))).toEqual({
      error: null,
      added: text,
    });
    expect(await listed()).toContain(text);
    expect(revalidatePath).toHaveBeenCalledWith("/server-action");
  });

  it.each([
    ["null", null],
    ["a string", "text=hello"],
    ["a plain object", { text: "hello" }],
    ["an array", [["text", "hello"]]],
    ["a number", 42],
    ["undefined", undefined],
  ])("answers %s instead of FormData with an error state", async (_case, argument) => {
    const before = await listed();
    expect(await addTask(initial, argument)).toEqual({
      error: "Send the task as form data.",
      added: null,
    });
    expect(await listed()).toEqual(before);
  });

  it.each([
    ["no text field", form({ other: "x" }), "Task text is required."],
    ["a file as text", form({ text: new Blob(["hello"]) }), "Task text is required."],
    ["blank text", form({ text: "   " }), "Task text must not be empty."],
    [
      "text over the limit",
      form({ text: "x".repeat(TASK_TEXT_MAX + 1) }),
      `Task text must be at most ${TASK_TEXT_MAX} characters (got ${TASK_TEXT_MAX + 1}).`,
    ],
    [
      "a megabyte of text",
      form({ text: "x".repeat(1024 * 1024) }),
      `Task text must be at most ${TASK_TEXT_MAX} characters (got ${1024 * 1024}).`,
    ],
  ])("answers %s with the mutation's message and writes nothing", async (_case, data, error) => {
    const before = await listed();
    expect(await addTask(initial, data)).toEqual({ error, added: null });
    expect(await listed()).toEqual(before);
  });
});

describe("addTask, signed in", () => {
  it('writes as the user, and over their rate limit answers "try again in N s", writing nothing', async () => {
    session.token = await local.issuer.sign({ sub: `user_${crypto.randomUUID().slice(0, 8)}` });
    try {
      const { capacity } = TASK_CREATION_LIMITS.createTask;
      for (let index = 0; index < capacity; index++) {
        const state = await addTask(initial, form({ text: `limited ${index}` }));
        expect(state.error).toBeNull();
      }
      const text = `over the limit ${crypto.randomUUID().slice(0, 8)}`;
      const refused = await addTask(initial, form({ text }));
      expect(refused.added).toBeNull();
      expect(refused.error).toMatch(/^Too many new tasks: try again in \d+ s\.$/);
      expect(await listed()).not.toContain(text);
    } finally {
      session.token = undefined;
    }
  });
});
