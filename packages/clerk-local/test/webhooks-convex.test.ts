// Clerk webhooks end to end, as the offline stack wires them: clerk-local starts first (its seeded users' events
// fail until Convex is up, and are retried), the local Convex backend runs the project's real /clerk-users-webhook
// HTTP action, which verifies them with `svix` and keeps the `users` rows; a user who then signs in (the Convex
// integration's session token) finds the row the webhook wrote, and a deletion through the Backend API removes it.
import { writeFileSync } from "node:fs";
import { join } from "node:path";

import type { ConvexLocal } from "@repo/convex-local";
import { freePort, startConvexLocal } from "@repo/convex-local";
import { ConvexHttpClient } from "convex/browser";
import { makeFunctionReference } from "convex/server";
import { afterAll, beforeAll, expect, it, vi } from "vitest";

import { SESSION_ISSUER } from "../src/index";
import { loadOrCreateWebhookSecret } from "../src/webhooks";
import type { TestServer } from "./support";
import { ALICE, FapiBrowser, makeDataDir, startTestServer } from "./support";

interface UserRow {
  _id: string;
  tokenIdentifier: string;
  name: string;
  email?: string;
}
const me = makeFunctionReference<"query", Record<string, never>, UserRow | null>("users:me");
const store = makeFunctionReference<"mutation", Record<string, never>, string>("users:store");

let clerk: TestServer;
let convex: ConvexLocal;

beforeAll(async () => {
  const dataDir = makeDataDir();
  // Clerk's bare session token (no name, no email claims): the names Convex shows can only come from the webhooks.
  writeFileSync(join(dataDir, "clerk-local.json"), JSON.stringify({ sessionClaims: {} }));
  const sitePort = await freePort();
  clerk = await startTestServer({
    dataDir,
    webhook: {
      url: `http://127.0.0.1:${sitePort}/clerk-users-webhook`,
      retryDelaysMs: [200, 400, 800, 1600, 3200, 6400],
    },
  });
  convex = await startConvexLocal({
    port: 0,
    sitePort,
    dataDir: null,
    env: {
      CLERK_JWT_ISSUER_DOMAIN: clerk.clerk.issuer,
      CLERK_WEBHOOK_SIGNING_SECRET: loadOrCreateWebhookSecret(dataDir),
    },
    oidcDiscovery: clerk.clerk.oidcDiscovery,
    logs: false,
  });
}, 60_000);
afterAll(async () => {
  await clerk.stop();
  await convex.stop();
});

async function signedInClient(): Promise<{ client: ConvexHttpClient; userId: string }> {
  const browser = await FapiBrowser.open(clerk.clerk.url);
  const { sessionId, userId } = await browser.signIn(ALICE.email, ALICE.password);
  const { body } = await browser.token(sessionId);
  const client = new ConvexHttpClient(convex.url);
  client.setAuth(body.jwt);
  return { client, userId };
}

it("delivers the seeded users' user.created once Convex is up; sign-in finds Alice's row", async () => {
  expect(clerk.clerk.issuer).toBe(SESSION_ISSUER);
  await vi.waitFor(() => expect(clerk.clerk.webhook.sender?.counts.delivered).toBe(2), {
    timeout: 20_000,
    interval: 100,
  });
  const { client, userId } = await signedInClient();
  const row = await client.query(me, {});
  expect(row).toMatchObject({
    tokenIdentifier: `${SESSION_ISSUER}|${userId}`,
    name: "Alice Anders",
    email: ALICE.email,
  });
  // The client-side path lands on the same row.
  expect(await client.mutation(store, {})).toBe(row?._id);
});

it("a user created then deleted through the Backend API appears and goes", async () => {
  const before = clerk.clerk.webhook.sender?.counts.delivered ?? 0;
  const carol = await clerk.bapi.users.createUser({
    emailAddress: ["carol@example.com"],
    password: "carol-password-1",
    firstName: "Carol",
  });
  await vi.waitFor(() => expect(clerk.clerk.webhook.sender?.counts.delivered).toBe(before + 1));
  const browser = await FapiBrowser.open(clerk.clerk.url);
  const { sessionId } = await browser.signIn("carol@example.com", "carol-password-1");
  const client = new ConvexHttpClient(convex.url);
  client.setAuth((await browser.token(sessionId)).body.jwt);
  expect(await client.query(me, {})).toMatchObject({ name: "Carol" });

  await clerk.bapi.users.deleteUser(carol.id);
  await vi.waitFor(() => expect(clerk.clerk.webhook.sender?.counts.delivered).toBe(before + 2));
  // Her session ended with her; a token minted before still names her, and her row is gone.
  expect(await client.query(me, {})).toBeNull();
});
