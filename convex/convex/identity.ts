// Who is calling: the one place functions turn `ctx.auth` into a `users` row.
import { ConvexError } from "convex/values";

import type { Doc } from "./_generated/dataModel";
import type { MutationCtx, QueryCtx } from "./_generated/server";

/** The caller's user row, or null when signed out or not stored yet. */
export async function currentUser(ctx: QueryCtx): Promise<Doc<"users"> | null> {
  const identity = await ctx.auth.getUserIdentity();
  if (identity === null) return null;
  return await ctx.db
    .query("users")
    .withIndex("by_token", (q) => q.eq("tokenIdentifier", identity.tokenIdentifier))
    .unique();
}

/**
 * The caller's user row, created from the token's claims on first use, so a signed-in caller always
 * has one. Throws a ConvexError when signed out.
 */
export async function requireUser(ctx: MutationCtx): Promise<Doc<"users">> {
  const identity = await ctx.auth.getUserIdentity();
  if (identity === null) {
    throw new ConvexError("Sign in first.");
  }
  const existing = await currentUser(ctx);
  if (existing !== null) return existing;
  const id = await ctx.db.insert("users", {
    tokenIdentifier: identity.tokenIdentifier,
    // Providers may send null claims; store them as absent fields.
    name: identity.name ?? identity.nickname ?? identity.email ?? "Anonymous",
    email: identity.email ?? undefined,
    pictureUrl: identity.pictureUrl ?? undefined,
  });
  const created = await ctx.db.get("users", id);
  if (created === null) throw new Error("unreachable: user row vanished after insert");
  return created;
}
