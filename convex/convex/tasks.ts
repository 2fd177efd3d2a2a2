import { RateLimiter } from "@convex-dev/rate-limiter";
import { paginationOptsValidator } from "convex/server";
import { ConvexError, v } from "convex/values";

import { cleanText, NAME_MAX, TASK_TEXT_MAX } from "../shared/limits";
import { TASK_CREATION_LIMITS } from "../shared/rateLimit";
import { components } from "./_generated/api";
import type { Doc } from "./_generated/dataModel";
import type { MutationCtx } from "./_generated/server";
import { mutation, query } from "./_generated/server";
import { currentUser, requireUser } from "./identity";
import { scheduleRevalidation } from "./revalidation";

/** How many tasks a non-paginated list returns at most; the paginated query serves longer lists. */
const LIST_LIMIT = 100;

/** The rate limiter component (convex.config.ts): its buckets live in its own tables. */
const rateLimiter = new RateLimiter(components.rateLimiter, TASK_CREATION_LIMITS);

/** The tasks of a public, named list, oldest first. Readable by anyone. */
export const list = query({
  args: { list: v.string() },
  handler: async (ctx, args) => {
    const name = cleanText("List name", args.list, NAME_MAX);
    return await ctx.db
      .query("tasks")
      .withIndex("by_list", (q) => q.eq("list", name))
      .take(LIST_LIMIT);
  },
});

/** The caller's private tasks; empty when signed out. */
export const mine = query({
  args: {},
  handler: async (ctx) => {
    const user = await currentUser(ctx);
    if (user === null) return [];
    return await ctx.db
      .query("tasks")
      .withIndex("by_owner_list", (q) => q.eq("ownerId", user._id).eq("list", undefined))
      .take(LIST_LIMIT);
  },
});

/** A public list, newest first, a page at a time (for `usePaginatedQuery`). */
export const page = query({
  args: { list: v.string(), paginationOpts: paginationOptsValidator },
  handler: async (ctx, args) => {
    const name = cleanText("List name", args.list, NAME_MAX);
    return await ctx.db
      .query("tasks")
      .withIndex("by_list", (q) => q.eq("list", name))
      .order("desc")
      .paginate(args.paginationOpts);
  },
});

/**
 * Adds a task. With `list`, to that public list (anyone may add; a signed-in author owns it).
 * Without `list`, to the caller's private list, which needs sign-in.
 */
export const create = mutation({
  args: { text: v.string(), list: v.optional(v.string()) },
  handler: async (ctx, args) => {
    const text = cleanText("Task text", args.text, TASK_TEXT_MAX);
    const list = args.list === undefined ? undefined : cleanText("List name", args.list, NAME_MAX);
    const signedIn = (await ctx.auth.getUserIdentity()) !== null;
    if (list === undefined && !signedIn) {
      throw new ConvexError("Sign in to add private tasks.");
    }
    const owner = signedIn ? await requireUser(ctx) : null;
    // Over the limit this throws the component's ConvexError ({ kind: "RateLimited", retryAfter }), and the
    // transaction, the limiter's own write included, commits nothing.
    if (owner === null) await rateLimiter.limit(ctx, "createTaskSignedOut", { throws: true });
    else await rateLimiter.limit(ctx, "createTask", { key: owner._id, throws: true });
    const id = await ctx.db.insert("tasks", { text, done: false, list, ownerId: owner?._id });
    if (list !== undefined) await scheduleRevalidation(ctx, list);
    return id;
  },
});

export const toggle = mutation({
  args: { id: v.id("tasks") },
  handler: async (ctx, args) => {
    const task = await changeableTask(ctx, args.id);
    await ctx.db.patch("tasks", task._id, { done: !task.done });
    if (task.list !== undefined) await scheduleRevalidation(ctx, task.list);
    return !task.done;
  },
});

export const remove = mutation({
  args: { id: v.id("tasks") },
  handler: async (ctx, args) => {
    const task = await changeableTask(ctx, args.id);
    await ctx.db.delete("tasks", task._id);
    if (task.list !== undefined) await scheduleRevalidation(ctx, task.list);
    return null;
  },
});

/**
 * Loads a task the caller may change: owned tasks only by their owner, anonymous public tasks by anyone.
 * Another user's private task answers "not found", so its existence is not revealed.
 */
async function changeableTask(ctx: MutationCtx, id: Doc<"tasks">["_id"]): Promise<Doc<"tasks">> {
  const task = await ctx.db.get("tasks", id);
  const user = await currentUser(ctx);
  const ownedByCaller = task?.ownerId !== undefined && task.ownerId === user?._id;
  if (task === null || (task.list === undefined && !ownedByCaller)) {
    throw new ConvexError("Task not found.");
  }
  if (task.ownerId !== undefined && !ownedByCaller) {
    throw new ConvexError("Only the task's author can change it.");
  }
  return task;
}
