import { describe, expect, test } from "vitest";

import { api } from "../convex/_generated/api";
import { alice, bob, newBackend } from "./setup";

describe("users", () => {
  test("store creates one row per identity and me returns only the caller's", async () => {
    const t = newBackend();
    const aliceId = await t.withIdentity(alice).mutation(api.users.store, {});
    expect(await t.withIdentity(alice).mutation(api.users.store, {})).toBe(aliceId);
    const bobId = await t.withIdentity(bob).mutation(api.users.store, {});
    expect(bobId).not.toBe(aliceId);

    expect(await t.withIdentity(alice).query(api.users.me, {})).toMatchObject({
      _id: aliceId,
      name: "Alice",
      email: "alice@example.com",
    });
    expect(await t.withIdentity(bob).query(api.users.me, {})).toMatchObject({ _id: bobId });
  });

  test("signed out: me is null and store is refused", async () => {
    const t = newBackend();
    expect(await t.query(api.users.me, {})).toBeNull();
    await expect(t.mutation(api.users.store, {})).rejects.toThrow("Sign in first.");
    const users = await t.run(async (ctx) => await ctx.db.query("users").collect());
    expect(users).toEqual([]);
  });

  test("store picks up a changed name", async () => {
    const t = newBackend();
    await t.withIdentity(alice).mutation(api.users.store, {});
    await t.withIdentity({ ...alice, name: "Alice B." }).mutation(api.users.store, {});
    expect(await t.withIdentity(alice).query(api.users.me, {})).toMatchObject({ name: "Alice B." });
  });
});
