import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";

export default defineSchema({
  // One row per signed-in person, created from their identity on first sign-in.
  users: defineTable({
    tokenIdentifier: v.string(),
    name: v.string(),
    email: v.optional(v.string()),
    pictureUrl: v.optional(v.string()),
  }).index("by_token", ["tokenIdentifier"]),

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
