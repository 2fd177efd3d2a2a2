import { v } from "convex/values";

import { mutation, query } from "./_generated/server";
import { currentUser, requireUser } from "./identity";

const userValidator = v.object({
  _id: v.id("users"),
  _creationTime: v.number(),
  tokenIdentifier: v.string(),
  name: v.string(),
  email: v.optional(v.string()),
  pictureUrl: v.optional(v.string()),
  clerkUpdatedAt: v.optional(v.number()),
});

/** Called by the client after sign-in: creates or refreshes the caller's row from their token. */
export const store = mutation({
  args: {},
  returns: v.id("users"),
  handler: async (ctx) => {
    const user = await requireUser(ctx);
    const identity = await ctx.auth.getUserIdentity();
    const name = identity?.name ?? user.name;
    if (name !== user.name) await ctx.db.patch("users", user._id, { name });
    return user._id;
  },
});

/** The caller's user row, or null when signed out. */
export const me = query({
  args: {},
  returns: v.union(userValidator, v.null()),
  handler: async (ctx) => await currentUser(ctx),
});
