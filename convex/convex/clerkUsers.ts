// The `users` rows Clerk's webhooks keep (clerkWebhook.ts verifies them and calls these): internal, so only the
// verified HTTP action can write through them.
import { v } from "convex/values";

import { internal } from "./_generated/api";
import type { Id } from "./_generated/dataModel";
import type { MutationCtx } from "./_generated/server";
import { internalMutation } from "./_generated/server";

/** What a verified `user.created` / `user.updated` / `user.deleted` event changes. */
export const clerkUserChange = v.union(
  v.object({
    kind: v.literal("upsert"),
    tokenIdentifier: v.string(),
    name: v.string(),
    email: v.optional(v.string()),
    pictureUrl: v.optional(v.string()),
    clerkUpdatedAt: v.optional(v.number()),
  }),
  v.object({ kind: v.literal("delete"), tokenIdentifier: v.string() }),
);

/**
 * How long a delivery is remembered: past Svix's 5-minute timestamp tolerance (either way) no copy of it verifies
 * any more, so older records are deleted.
 */
const REMEMBER_SECONDS = 10 * 60;
/** Records deleted per delivery at most, so one call's work stays bounded. */
const PRUNE_BATCH = 50;
/** Private tasks deleted per mutation when a user is deleted (the rest in follow-up mutations). */
const DELETE_BATCH = 200;

async function userByToken(ctx: MutationCtx, tokenIdentifier: string) {
  return await ctx.db
    .query("users")
    .withIndex("by_token", (q) => q.eq("tokenIdentifier", tokenIdentifier))
    .unique();
}

async function pruneDeliveries(ctx: MutationCtx, nowSeconds: number) {
  const old = await ctx.db
    .query("clerkWebhookDeliveries")
    .withIndex("by_creation_time", (q) =>
      q.lt("_creationTime", (nowSeconds - REMEMBER_SECONDS) * 1000),
    )
    .take(PRUNE_BATCH);
  for (const record of old) await ctx.db.delete("clerkWebhookDeliveries", record._id);
}

/**
 * Applies one verified delivery, once. "replayed": this exact delivery (id and timestamp) was applied before, so
 * someone resent a captured request; "redelivered": Svix retried a message already applied (its retries carry the
 * same id and a new timestamp), which changes nothing again; "stale": an update older than the row's.
 */
export const applyDelivery = internalMutation({
  args: { svixId: v.string(), svixTimestamp: v.number(), change: clerkUserChange },
  returns: v.union(
    v.literal("applied"),
    v.literal("stale"),
    v.literal("replayed"),
    v.literal("redelivered"),
  ),
  handler: async (ctx, { svixId, svixTimestamp, change }) => {
    const seen = await ctx.db
      .query("clerkWebhookDeliveries")
      .withIndex("by_svix_id", (q) => q.eq("svixId", svixId))
      .first();
    if (seen !== null) return seen.svixTimestamp === svixTimestamp ? "replayed" : "redelivered";
    await pruneDeliveries(ctx, Date.now() / 1000);
    await ctx.db.insert("clerkWebhookDeliveries", { svixId, svixTimestamp });

    const user = await userByToken(ctx, change.tokenIdentifier);
    if (change.kind === "delete") {
      if (user === null) return "applied";
      await ctx.db.delete("users", user._id);
      await ctx.scheduler.runAfter(0, internal.clerkUsers.deletePrivateTasks, {
        ownerId: user._id,
      });
      return "applied";
    }
    const { kind: _kind, ...fields } = change;
    if (user === null) {
      await ctx.db.insert("users", fields);
      return "applied";
    }
    const newer =
      change.clerkUpdatedAt === undefined ||
      user.clerkUpdatedAt === undefined ||
      change.clerkUpdatedAt >= user.clerkUpdatedAt;
    if (!newer) return "stale";
    await ctx.db.replace("users", user._id, fields);
    return "applied";
  },
});

/** A deleted user's private tasks (nobody else can see or delete them), a batch per mutation. */
export const deletePrivateTasks = internalMutation({
  args: { ownerId: v.id("users") },
  returns: v.null(),
  handler: async (ctx, { ownerId }: { ownerId: Id<"users"> }) => {
    const batch = await ctx.db
      .query("tasks")
      .withIndex("by_owner_list", (q) => q.eq("ownerId", ownerId).eq("list", undefined))
      .take(DELETE_BATCH);
    for (const task of batch) await ctx.db.delete("tasks", task._id);
    if (batch.length === DELETE_BATCH) {
      await ctx.scheduler.runAfter(0, internal.clerkUsers.deletePrivateTasks, { ownerId });
    }
    return null;
  },
});
