import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";

export default defineSchema({
  // One row per person: created from their identity on first sign-in (users.store), or by Clerk's webhooks
  // (clerkWebhook.ts), whichever comes first; both key it by the identity's tokenIdentifier.
  users: defineTable({
    tokenIdentifier: v.string(),
    name: v.string(),
    email: v.optional(v.string()),
    pictureUrl: v.optional(v.string()),
    /** Clerk's `updated_at` (ms) of the webhook that last wrote the row: an older one arriving late changes nothing. */
    clerkUpdatedAt: v.optional(v.number()),
  }).index("by_token", ["tokenIdentifier"]),

  // Clerk webhook deliveries already applied, by Svix message id, kept while their signature could still verify
  // (clerkWebhook.ts): a delivery seen again is a replay (same timestamp) or Svix's retry (a new one).
  clerkWebhookDeliveries: defineTable({
    svixId: v.string(),
    /** The delivery's `svix-timestamp`, in seconds. */
    svixTimestamp: v.number(),
  }).index("by_svix_id", ["svixId"]),

  // A task lives in a named public list, or (list undefined) in its owner's private list.
  tasks: defineTable({
    text: v.string(),
    done: v.boolean(),
    list: v.optional(v.string()),
    ownerId: v.optional(v.id("users")),
  })
    .index("by_list", ["list"])
    .index("by_owner_list", ["ownerId", "list"]),

  counters: defineTable({
    name: v.string(),
    value: v.number(),
  }).index("by_name", ["name"]),

  // Written by a scheduled action; read live by the UI.
  summaries: defineTable({
    list: v.string(),
    total: v.number(),
    done: v.number(),
    text: v.string(),
  }).index("by_list", ["list"]),
});
