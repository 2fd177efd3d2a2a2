// Optimistic updates: how a task change looks locally before the server confirms it. Pure functions over the
// client's local query store, applied to every cached `tasks.list`/`tasks.mine`/`tasks.page` result.
import { api } from "@repo/convex/api";
import type { Id } from "@repo/convex/dataModel";
import type { Task } from "@repo/convex/types";
import type { OptimisticLocalStore } from "convex/browser";

function updateLists(store: OptimisticLocalStore, change: (tasks: Task[]) => Task[]): void {
  for (const query of [api.tasks.list, api.tasks.mine] as const) {
    for (const { args, value } of store.getAllQueries(query)) {
      if (value !== undefined) store.setQuery(query, args, change(value));
    }
  }
  for (const { args, value } of store.getAllQueries(api.tasks.page)) {
    if (value !== undefined)
      store.setQuery(api.tasks.page, args, { ...value, page: change(value.page) });
  }
}

export function toggleLocally(store: OptimisticLocalStore, { id }: { id: Id<"tasks"> }): void {
  updateLists(store, (tasks) =>
    tasks.map((task) => (task._id === id ? { ...task, done: !task.done } : task)),
  );
}

export function removeLocally(store: OptimisticLocalStore, { id }: { id: Id<"tasks"> }): void {
  updateLists(store, (tasks) => tasks.filter((task) => task._id !== id));
}

const OPTIMISTIC_PREFIX = "optimistic-";

/** A task shown by createLocally that the server has not confirmed yet (it has no real id to toggle or remove). */
export const isOptimistic = (task: Pick<Task, "_id">): boolean =>
  task._id.startsWith(OPTIMISTIC_PREFIX);

/** Shows a new task at once: appended to its public list, or to the caller's private list. */
export function createLocally(
  store: OptimisticLocalStore,
  { text, list }: { text: string; list?: string },
): void {
  const draft: Task = {
    _id: `${OPTIMISTIC_PREFIX}${crypto.randomUUID()}` as Id<"tasks">,
    _creationTime: Date.now(),
    text: text.trim(),
    done: false,
    ...(list === undefined ? {} : { list }),
  };
  if (list === undefined) {
    const mine = store.getQuery(api.tasks.mine, {});
    if (mine !== undefined) store.setQuery(api.tasks.mine, {}, [...mine, draft]);
    return;
  }
  const current = store.getQuery(api.tasks.list, { list });
  if (current !== undefined) store.setQuery(api.tasks.list, { list }, [...current, draft]);
}
