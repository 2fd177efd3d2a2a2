import { ConvexError, v } from "convex/values";

import { cleanText, COUNTER_STEP_MAX as MAX_STEP, NAME_MAX } from "../shared/limits";
import { mutation, query } from "./_generated/server";

/** A named public counter's value (0 before its first increment). */
export const get = query({
  args: { counterName: v.string() },
  returns: v.number(),
  handler: async (ctx, args) => {
    const name = cleanText("Counter name", args.counterName, NAME_MAX);
    const counter = await ctx.db
      .query("counters")
      .withIndex("by_name", (q) => q.eq("name", name))
      .unique();
    return counter?.value ?? 0;
  },
});

/** Adds `by` (default 1, a whole number from 1 to MAX_STEP) and returns the new value. */
export const increment = mutation({
  args: { counterName: v.string(), by: v.optional(v.number()) },
  returns: v.number(),
  handler: async (ctx, args) => {
    const name = cleanText("Counter name", args.counterName, NAME_MAX);
    const by = args.by ?? 1;
    if (!Number.isInteger(by) || by < 1 || by > MAX_STEP) {
      throw new ConvexError(`by must be a whole number from 1 to ${MAX_STEP}.`);
    }
    const counter = await ctx.db
      .query("counters")
      .withIndex("by_name", (q) => q.eq("name", name))
      .unique();
    if (counter === null) {
      await ctx.db.insert("counters", { name, value: by });
      return by;
    }
    await ctx.db.patch("counters", counter._id, { value: counter.value + by });
    return counter.value + by;
  },
});
