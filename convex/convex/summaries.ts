import { v } from "convex/values";

import { cleanText, NAME_MAX } from "../shared/limits";
import { internal } from "./_generated/api";
import {
  action,
  internalAction,
  internalMutation,
  internalQuery,
  mutation,
  query,
} from "./_generated/server";

const statsValidator = v.object({ total: v.number(), done: v.number() });
interface Stats {
  total: number;
  done: number;
}
const summaryValidator = v.object({
  list: v.string(),
  total: v.number(),
  done: v.number(),
  text: v.string(),
});

/** Counts a public list's tasks. Internal: only actions in this file read it. */
export const stats = internalQuery({
  args: { list: v.string() },
  returns: statsValidator,
  handler: async (ctx, args) => {
    let total = 0;
    let done = 0;
    for await (const task of ctx.db
      .query("tasks")
      .withIndex("by_list", (q) => q.eq("list", args.list))) {
      total += 1;
      if (task.done) done += 1;
    }
    return { total, done };
  },
});

function describe(list: string, stats: Stats) {
  const open = stats.total - stats.done;
  const text =
    stats.total === 0
      ? `"${list}" has no tasks yet.`
      : `"${list}": ${stats.done} of ${stats.total} done, ${open} open.`;
  return { list, ...stats, text };
}

/** Computes a list's summary on demand (called with `fetchAction` from the server). */
export const compute = action({
  args: { list: v.string() },
  returns: summaryValidator,
  handler: async (ctx, args) => {
    const list = cleanText("List name", args.list, NAME_MAX);
    // Annotated: a function calling its own module through `internal` cannot infer the type.
    const counts: Stats = await ctx.runQuery(internal.summaries.stats, { list });
    return describe(list, counts);
  },
});

/** Schedules a background summary; the result appears live through `latest`. */
export const request = mutation({
  args: { list: v.string() },
  returns: v.null(),
  handler: async (ctx, args) => {
    const list = cleanText("List name", args.list, NAME_MAX);
    await ctx.scheduler.runAfter(0, internal.summaries.generate, { list });
    return null;
  },
});

/** The scheduled job: an action reads through a query and writes through a mutation. */
export const generate = internalAction({
  args: { list: v.string() },
  returns: v.null(),
  handler: async (ctx, args) => {
    const counts: Stats = await ctx.runQuery(internal.summaries.stats, { list: args.list });
    await ctx.runMutation(internal.summaries.record, describe(args.list, counts));
    return null;
  },
});

export const record = internalMutation({
  args: summaryValidator,
  returns: v.null(),
  handler: async (ctx, args) => {
    const existing = await ctx.db
      .query("summaries")
      .withIndex("by_list", (q) => q.eq("list", args.list))
      .unique();
    if (existing === null) await ctx.db.insert("summaries", args);
    else await ctx.db.replace("summaries", existing._id, args);
    return null;
  },
});

/** The last summary the scheduled job wrote for a list, or null. */
export const latest = query({
  args: { list: v.string() },
  handler: async (ctx, args) => {
    const list = cleanText("List name", args.list, NAME_MAX);
    return await ctx.db
      .query("summaries")
      .withIndex("by_list", (q) => q.eq("list", list))
      .unique();
  },
});
