// The optimistic updates, given a local query store: first an in-memory one (every branch, exact results), then
// the real ConvexReactClient's, to show they apply before the server answers and give way to its result.
import { api } from "@repo/convex/api";
import type { Id } from "@repo/convex/dataModel";
import type { Task } from "@repo/convex/types";
import type { OptimisticLocalStore } from "convex/browser";
import { getFunctionName } from "convex/server";
import type { Value } from "convex/values";
import { convexToJson } from "convex/values";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createLocally, removeLocally, toggleLocally } from "../src/optimistic";
import type { TestBackend } from "./support/backend";
import { startBackend, uniqueName } from "./support/backend";

type QueryRef = Parameters<typeof getFunctionName>[0];
interface Entry {
  name: string;
  args: Record<string, Value>;
  value: unknown;
}

/** The client's cache in miniature: one entry per (query, args); `undefined` is "subscribed, not loaded". */
class MemoryStore implements OptimisticLocalStore {
  readonly entries = new Map<string, Entry>();

  private key(query: QueryRef, args: Record<string, Value>) {
    return `${getFunctionName(query)}:${JSON.stringify(convexToJson(args))}`;
  }
  // Typed as the interface's own generic methods; values go in and come out unchanged, hence the casts.
  getQuery: OptimisticLocalStore["getQuery"] = (query, ...args) =>
    this.entries.get(this.key(query, args[0] ?? {}))?.value;
  getAllQueries: OptimisticLocalStore["getAllQueries"] = (query) =>
    [...this.entries.values()]
      .filter((entry) => entry.name === getFunctionName(query))
      .map((entry) => ({ args: entry.args as never, value: entry.value as never }));
  setQuery: OptimisticLocalStore["setQuery"] = (query, args, value) => {
    const plain = args as Record<string, Value>;
    this.entries.set(this.key(query, plain), { name: getFunctionName(query), args: plain, value });
  };
}

const task = (id: string, text: string, extra: Partial<Task> = {}): Task => ({
  _id: id as Id<"tasks">,
  _creationTime: 1,
  text,
  done: false,
  ...extra,
});
const pageOf = (page: Task[]) => ({ page, isDone: false, continueCursor: "cursor-1" });
const paginationOpts = { numItems: 5, cursor: null };

describe("createLocally", () => {
  it("appends a trimmed, not-done draft to the loaded public list, and nowhere else", () => {
    const store = new MemoryStore();
    const existing = [task("t1", "old", { list: "demo" })];
    store.setQuery(api.tasks.list, { list: "demo" }, existing);
    store.setQuery(api.tasks.list, { list: "other" }, []);
    store.setQuery(api.tasks.mine, {}, []);

    createLocally(store, { text: "  New one  ", list: "demo" });

    const demo = store.getQuery(api.tasks.list, { list: "demo" });
    expect(demo).toHaveLength(2);
    expect(demo?.[0]).toBe(existing[0]);
    expect(demo?.[1]).toMatchObject({ text: "New one", done: false, list: "demo" });
    expect(demo?.[1]?._id).toMatch(/^optimistic-/);
    expect(store.getQuery(api.tasks.list, { list: "other" })).toEqual([]);
    expect(store.getQuery(api.tasks.mine, {})).toEqual([]);
    // The cached array itself is left alone (React compares by reference).
    expect(existing).toHaveLength(1);
  });

  it("without a list, appends to the caller's private tasks without a list field", () => {
    const store = new MemoryStore();
    store.setQuery(api.tasks.mine, {}, [task("t1", "mine")]);
    store.setQuery(api.tasks.list, { list: "demo" }, []);

    createLocally(store, { text: "secret" });

    const mine = store.getQuery(api.tasks.mine, {});
    expect(mine?.map((t) => t.text)).toEqual(["mine", "secret"]);
    expect(mine?.[1]).not.toHaveProperty("list");
    expect(store.getQuery(api.tasks.list, { list: "demo" })).toEqual([]);
  });

  it("leaves a list that is not loaded yet alone, rather than inventing its contents", () => {
    const store = new MemoryStore();
    store.setQuery(api.tasks.list, { list: "demo" }, undefined);
    createLocally(store, { text: "x", list: "demo" });
    createLocally(store, { text: "y" });
    expect(store.getQuery(api.tasks.list, { list: "demo" })).toBeUndefined();
    expect(store.entries.size).toBe(1);
  });

  it("gives each draft its own id", () => {
    const store = new MemoryStore();
    store.setQuery(api.tasks.list, { list: "demo" }, []);
    createLocally(store, { text: "a", list: "demo" });
    createLocally(store, { text: "a", list: "demo" });
    const [first, second] = store.getQuery(api.tasks.list, { list: "demo" }) ?? [];
    expect(first?._id).not.toBe(second?._id);
  });
});

describe("toggleLocally and removeLocally", () => {
  function seeded() {
    const store = new MemoryStore();
    store.setQuery(api.tasks.list, { list: "demo" }, [
      task("t1", "one", { list: "demo" }),
      task("t2", "two", { list: "demo", done: true }),
    ]);
    store.setQuery(api.tasks.list, { list: "other" }, [task("t3", "three", { list: "other" })]);
    store.setQuery(api.tasks.list, { list: "loading" }, undefined);
    store.setQuery(api.tasks.mine, {}, [task("t1", "one")]);
    store.setQuery(
      api.tasks.page,
      { list: "demo", paginationOpts },
      pageOf([task("t2", "two", { done: true }), task("t1", "one")]),
    );
    return store;
  }
  const done = (tasks: Task[] | undefined) => tasks?.map((t) => [t._id, t.done]);

  it("toggle flips the task in every loaded list, page and private list, and only that task", () => {
    const store = seeded();
    toggleLocally(store, { id: "t1" as Id<"tasks"> });
    expect(done(store.getQuery(api.tasks.list, { list: "demo" }))).toEqual([
      ["t1", true],
      ["t2", true],
    ]);
    expect(done(store.getQuery(api.tasks.mine, {}))).toEqual([["t1", true]]);
    const page = store.getQuery(api.tasks.page, { list: "demo", paginationOpts });
    expect(done(page?.page)).toEqual([
      ["t2", true],
      ["t1", true],
    ]);
    // Pagination bookkeeping survives the change.
    expect(page).toMatchObject({ isDone: false, continueCursor: "cursor-1" });
    expect(done(store.getQuery(api.tasks.list, { list: "other" }))).toEqual([["t3", false]]);
    expect(store.getQuery(api.tasks.list, { list: "loading" })).toBeUndefined();

    toggleLocally(store, { id: "t2" as Id<"tasks"> });
    expect(done(store.getQuery(api.tasks.list, { list: "demo" }))).toEqual([
      ["t1", true],
      ["t2", false],
    ]);
  });

  it("remove drops the task everywhere it is shown", () => {
    const store = seeded();
    removeLocally(store, { id: "t1" as Id<"tasks"> });
    expect(done(store.getQuery(api.tasks.list, { list: "demo" }))).toEqual([["t2", true]]);
    expect(store.getQuery(api.tasks.mine, {})).toEqual([]);
    expect(done(store.getQuery(api.tasks.page, { list: "demo", paginationOpts })?.page)).toEqual([
      ["t2", true],
    ]);
    expect(done(store.getQuery(api.tasks.list, { list: "other" }))).toEqual([["t3", false]]);
  });
});

describe("with the real client's local store", () => {
  let backend: TestBackend;
  beforeAll(async () => {
    backend = await startBackend();
  });
  afterAll(async () => {
    await backend.stop();
  });

  it("shows the draft before the server answers, then the server's task", async () => {
    const client = backend.reactClient();
    const list = uniqueName("optimistic");
    const watch = client.watchQuery(api.tasks.list, { list });
    // The subscription lives as long as a listener does.
    let markLoaded: () => void = () => undefined;
    const loaded = new Promise<void>((resolve) => (markLoaded = resolve));
    const stop = watch.onUpdate(() => {
      if (watch.localQueryResult() !== undefined) markLoaded();
    });
    await loaded;
    expect(watch.localQueryResult()).toEqual([]);

    const created = client.mutation(
      api.tasks.create,
      { text: "draft", list },
      { optimisticUpdate: createLocally },
    );
    const optimistic = watch.localQueryResult();
    expect(optimistic?.map((t) => t.text)).toEqual(["draft"]);
    expect(optimistic?.[0]?._id).toMatch(/^optimistic-/);

    const id = await created;
    // A mutation resolves only once its result is in the client's state: the draft has given way.
    expect(watch.localQueryResult()?.map((t) => [t._id, t.text])).toEqual([[id, "draft"]]);
    stop();
  });
});
