// Clerk's user webhooks into Convex, signed and verified with the real `svix` library: a verified user.created /
// user.updated / user.deleted keeps the `users` row; a bad, expired or replayed signature, or a malformed event, gets
// 400 and writes nothing (fast-check tampers with signed deliveries); Svix's retries apply once.
import fc from "fast-check";
import { Webhook } from "svix";
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";

import { api } from "../convex/_generated/api";
import { newBackend } from "./setup";

const ISSUER = "https://verb-noun-00.clerk.accounts.dev";
const SECRET = `whsec_${btoa("clerk-local-test-signing-secret!")}`;
const PATH = "/clerk-users-webhook";

beforeEach(() => {
  vi.stubEnv("CLERK_WEBHOOK_SIGNING_SECRET", SECRET);
  vi.stubEnv("CLERK_JWT_ISSUER_DOMAIN", ISSUER);
});
afterEach(() => {
  vi.unstubAllEnvs();
});

/** A user payload shaped as Clerk's (the fields this endpoint reads, and some it does not). */
function clerkUser(overrides: Record<string, unknown> = {}) {
  return {
    object: "user",
    id: "user_alice",
    first_name: "Alice",
    last_name: "Anders",
    username: null,
    image_url: "https://img.clerk.com/alice",
    primary_email_address_id: "idn_1",
    email_addresses: [
      { id: "idn_0", object: "email_address", email_address: "old@example.com" },
      { id: "idn_1", object: "email_address", email_address: "alice@example.com" },
    ],
    created_at: 1_700_000_000_000,
    updated_at: 1_700_000_000_000,
    ...overrides,
  };
}

const event = (type: string, data: unknown) =>
  JSON.stringify({ type, data, object: "event", timestamp: Date.now(), instance_id: "ins_x" });

let sequence = 0;
/** Headers Svix sends with `body`, signed with `secret` at `at`. */
function signed(body: string, options: { id?: string; at?: Date; secret?: string } = {}) {
  const id = options.id ?? `msg_${++sequence}`;
  const at = options.at ?? new Date();
  return {
    "content-type": "application/json",
    "svix-id": id,
    "svix-timestamp": String(Math.floor(at.getTime() / 1000)),
    "svix-signature": new Webhook(options.secret ?? SECRET).sign(id, at, body),
  };
}

async function deliver(
  t: ReturnType<typeof newBackend>,
  body: string,
  headers: Record<string, string> = signed(body),
) {
  const response = await t.fetch(PATH, { method: "POST", headers, body });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

const users = (t: ReturnType<typeof newBackend>) =>
  t.run(async (ctx) => await ctx.db.query("users").collect());
const deliveries = (t: ReturnType<typeof newBackend>) =>
  t.run(async (ctx) => await ctx.db.query("clerkWebhookDeliveries").collect());

describe("a verified delivery", () => {
  test("user.created makes the row the user's sign-in finds (same tokenIdentifier)", async () => {
    const t = newBackend();
    expect(await deliver(t, event("user.created", clerkUser()))).toEqual({
      status: 200,
      json: { outcome: "applied" },
    });
    const identity = {
      subject: "user_alice",
      issuer: ISSUER,
      tokenIdentifier: `${ISSUER}|user_alice`,
    };
    expect(await t.withIdentity(identity).query(api.users.me, {})).toMatchObject({
      name: "Alice Anders",
      email: "alice@example.com",
      pictureUrl: "https://img.clerk.com/alice",
    });
    // The client-side path finds the same row instead of making a second one.
    const id = await t.withIdentity(identity).mutation(api.users.store, {});
    expect((await users(t)).map((row) => row._id)).toEqual([id]);
  });

  test("user.updated changes it; an older update arriving late does not", async () => {
    const t = newBackend();
    await deliver(t, event("user.created", clerkUser()));
    const renamed = clerkUser({ first_name: "Alicia", updated_at: 1_700_000_500_000 });
    expect((await deliver(t, event("user.updated", renamed))).json).toEqual({
      outcome: "applied",
    });
    const older = clerkUser({ first_name: "Old", updated_at: 1_700_000_100_000 });
    expect((await deliver(t, event("user.updated", older))).json).toEqual({ outcome: "stale" });
    expect((await users(t)).map((row) => row.name)).toEqual(["Alicia Anders"]);
  });

  test("user.deleted removes the row and the user's private tasks, not public ones", async () => {
    vi.useFakeTimers();
    try {
      const t = newBackend();
      const identity = { subject: "user_alice", tokenIdentifier: `${ISSUER}|user_alice` };
      await t.withIdentity(identity).mutation(api.tasks.create, { text: "private" });
      await t.withIdentity(identity).mutation(api.tasks.create, { text: "public", list: "l" });
      const deleted = { object: "user", id: "user_alice", deleted: true };
      expect((await deliver(t, event("user.deleted", deleted))).json).toEqual({
        outcome: "applied",
      });
      await t.finishAllScheduledFunctions(() => vi.runAllTimers());
      expect(await users(t)).toEqual([]);
      const texts = await t.run(async (ctx) =>
        (await ctx.db.query("tasks").collect()).map((task) => task.text),
      );
      expect(texts).toEqual(["public"]);
    } finally {
      vi.useRealTimers();
    }
  });

  test("other event types are acknowledged and ignored", async () => {
    const t = newBackend();
    expect(await deliver(t, event("session.created", { id: "sess_1" }))).toEqual({
      status: 200,
      json: { ignored: true },
    });
    expect(await users(t)).toEqual([]);
  });

  test("Svix's retry of an applied message (same id, new timestamp) applies nothing again", async () => {
    const t = newBackend();
    const body = event("user.created", clerkUser());
    await deliver(t, body, signed(body, { id: "msg_retry" }));
    const later = new Date(Date.now() + 5_000);
    expect((await deliver(t, body, signed(body, { id: "msg_retry", at: later }))).json).toEqual({
      outcome: "redelivered",
    });
    expect(await users(t)).toHaveLength(1);
  });
});

describe("what is refused with 400, writing nothing", () => {
  const body = event("user.created", clerkUser());

  test.each([
    ["no signature headers", { "content-type": "application/json" }],
    [
      "another endpoint's secret",
      signed(body, { secret: `whsec_${btoa("another-secret-of-32-bytes!!")}` }),
    ],
    ["a timestamp over 5 minutes old", signed(body, { at: new Date(Date.now() - 6 * 60_000) })],
    ["a timestamp over 5 minutes ahead", signed(body, { at: new Date(Date.now() + 6 * 60_000) })],
    ["a signature for another message id", { ...signed(body), "svix-id": "msg_other" }],
  ])("%s", async (_case, headers) => {
    const t = newBackend();
    const { status, json } = await deliver(t, body, headers);
    expect(status).toBe(400);
    expect(json.error).toMatch(/Invalid webhook/);
    expect(await users(t)).toEqual([]);
    expect(await deliveries(t)).toEqual([]);
  });

  test("the same delivery sent again (a replay)", async () => {
    const t = newBackend();
    const headers = signed(body);
    expect((await deliver(t, body, headers)).status).toBe(200);
    await t.run(async (ctx) => {
      for (const row of await ctx.db.query("users").collect())
        await ctx.db.delete("users", row._id);
    });
    const replay = await deliver(t, body, headers);
    expect(replay).toEqual({
      status: 400,
      json: { error: "This delivery was already received (a replay)." },
    });
    expect(await users(t)).toEqual([]);
  });

  test.each([
    ["not JSON", "{nope"],
    ["not an event", JSON.stringify([1, 2])],
    ["a user without an id", event("user.created", clerkUser({ id: 42 }))],
    ["a deletion without an id", event("user.deleted", { deleted: true })],
  ])("a signed body that is %s", async (_case, text) => {
    const t = newBackend();
    const { status } = await deliver(t, text);
    expect(status).toBe(400);
    expect(await users(t)).toEqual([]);
  });

  test("any tampering with a signed delivery (fast-check)", async () => {
    const original = event("user.created", clerkUser());
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: original.length - 1 }),
        fc.integer({ min: 1, max: 255 }),
        async (position, flip) => {
          const tampered =
            original.slice(0, position) +
            String.fromCharCode(original.charCodeAt(position) ^ flip) +
            original.slice(position + 1);
          fc.pre(tampered !== original);
          const t = newBackend();
          const { status } = await deliver(t, tampered, signed(original));
          expect(status).toBe(400);
          expect(await users(t)).toEqual([]);
        },
      ),
      {
        numRuns: Math.min(200, Number(process.env.FUZZ_RUNS ?? 40)),
        seed: Number(process.env.FUZZ_SEED ?? 24),
      },
    );
  });
});

describe("an unconfigured deployment", () => {
  test("answers 503, so Svix retries once the secret is set, and writes nothing", async () => {
    vi.stubEnv("CLERK_WEBHOOK_SIGNING_SECRET", "");
    const t = newBackend();
    const body = event("user.created", clerkUser());
    expect((await deliver(t, body)).status).toBe(503);
    expect(await users(t)).toEqual([]);
  });

  test("an oversized body gets 413", async () => {
    const t = newBackend();
    const body = event("user.created", clerkUser({ padding: "x".repeat(70_000) }));
    expect((await deliver(t, body)).status).toBe(413);
  });
});
