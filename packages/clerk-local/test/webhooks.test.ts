// Clerk's webhooks from clerk-local: user.created (seeding, Frontend API sign-up, Backend API createUser),
// user.updated (lock, unlock) and user.deleted, Svix-signed and checked here with the real `svix` verifier; retried on
// a schedule until the endpoint answers 2xx, and given up on when it runs out.
import { createServer } from "node:http";
import type { IncomingHttpHeaders, Server } from "node:http";
import type { AddressInfo } from "node:net";

import { SEEDED_USERS } from "@repo/local-server/seeded-users";
import { Webhook } from "svix";
import { afterEach, describe, expect, it, vi } from "vitest";

import type { Envelope, SignUpJson, TestServer } from "./support";
import { FapiBrowser, makeDataDir, startTestServer } from "./support";

interface Received {
  id: string;
  timestamp: string;
  type: string;
  data: Record<string, unknown>;
}

/** An endpoint that verifies every delivery with `svix`, answering `statuses` in turn (then 204). */
async function endpoint(statuses: number[] = []) {
  const received: Received[] = [];
  const attempts: IncomingHttpHeaders[] = [];
  let secret = "";
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      attempts.push(request.headers);
      const body = Buffer.concat(chunks).toString("utf8");
      const status = statuses.shift() ?? 204;
      // Throws (and the test fails) on a delivery the real verifier refuses.
      new Webhook(secret).verify(body, {
        "svix-id": String(request.headers["svix-id"]),
        "svix-timestamp": String(request.headers["svix-timestamp"]),
        "svix-signature": String(request.headers["svix-signature"]),
      });
      if (status < 300) {
        const event = JSON.parse(body) as Omit<Received, "id" | "timestamp">;
        received.push({
          id: String(request.headers["svix-id"]),
          timestamp: String(request.headers["svix-timestamp"]),
          type: event.type,
          data: event.data,
        });
      }
      response.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/clerk-users-webhook`,
    received,
    attempts,
    useSecret: (value: string) => {
      secret = value;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  vi.unstubAllEnvs();
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function started(statuses: number[] = [], retryDelaysMs = [20, 20, 20]) {
  const receiver = await endpoint(statuses);
  cleanups.push(() => receiver.close());
  const server: TestServer = await startTestServer({
    dataDir: makeDataDir(),
    webhook: { url: receiver.url, retryDelaysMs },
  });
  cleanups.push(() => server.stop());
  receiver.useSecret(server.clerk.webhook.secret);
  return { receiver, server };
}

describe("the events", () => {
  it("sends user.created for the seeded users on a first start, shaped as Clerk's User", async () => {
    const { receiver, server } = await started();
    await vi.waitFor(() => expect(receiver.received).toHaveLength(SEEDED_USERS.length));
    expect(server.clerk.webhook.secret).toMatch(/^whsec_/);
    const [alice] = receiver.received;
    expect(alice).toMatchObject({
      type: "user.created",
      data: {
        object: "user",
        id: expect.stringMatching(/^user_/) as unknown,
        first_name: "Alice",
        last_name: "Anders",
        email_addresses: [expect.objectContaining({ email_address: "alice@example.com" })],
      },
    });
    expect(alice?.data.primary_email_address_id).toBe(
      (alice?.data.email_addresses as { id: string }[])[0]?.id,
    );
  });

  it("sends user.created on sign-up and createUser, user.updated on lock/unlock, user.deleted", async () => {
    const { receiver, server } = await started();
    await vi.waitFor(() => expect(receiver.received).toHaveLength(SEEDED_USERS.length));
    receiver.received.length = 0;

    const browser = await FapiBrowser.open(server.clerk.url);
    const signUp = await browser.call<Envelope<SignUpJson>>("POST", "/v1/client/sign_ups", {
      email_address: "carol@example.com",
      password: "carol-password-1",
    });
    expect(signUp.status).toBe(200);
    const dave = await server.bapi.users.createUser({
      emailAddress: ["dave@example.com"],
      password: "dave-password-1",
      firstName: "Dave",
    });
    await server.bapi.users.lockUser(dave.id);
    await server.bapi.users.unlockUser(dave.id);
    await server.bapi.users.deleteUser(dave.id);

    await vi.waitFor(() => expect(receiver.received).toHaveLength(5));
    expect(receiver.received.map((event) => [event.type, event.data.id])).toEqual([
      ["user.created", signUp.body.response.created_user_id],
      ["user.created", dave.id],
      ["user.updated", dave.id],
      ["user.updated", dave.id],
      ["user.deleted", dave.id],
    ]);
    expect(receiver.received.at(-1)?.data).toEqual({ object: "user", id: dave.id, deleted: true });
    // Every message has its own id.
    expect(new Set(receiver.received.map((event) => event.id)).size).toBe(5);
  });

  it("keeps the secret across restarts, and sends nothing without an endpoint", async () => {
    const dataDir = makeDataDir();
    const first = await startTestServer({ dataDir, keepDir: true });
    const secret = first.clerk.webhook.secret;
    expect(first.clerk.webhook).toMatchObject({ url: null, sender: null });
    await first.stop();
    const second = await startTestServer({ dataDir });
    cleanups.push(() => second.stop());
    expect(second.clerk.webhook.secret).toBe(secret);
  });

  it("takes the endpoint from CLERK_LOCAL_WEBHOOK_URL, and refuses one that is not http(s)", async () => {
    const receiver = await endpoint();
    cleanups.push(() => receiver.close());
    vi.stubEnv("CLERK_LOCAL_WEBHOOK_URL", receiver.url);
    const server = await startTestServer({ dataDir: makeDataDir() });
    cleanups.push(() => server.stop());
    expect(server.clerk.webhook.url).toBe(receiver.url);
    vi.stubEnv("CLERK_LOCAL_WEBHOOK_URL", "file:///etc/passwd");
    await expect(startTestServer()).rejects.toThrow(
      /CLERK_LOCAL_WEBHOOK_URL must be an http\(s\) URL/,
    );
  });
});

describe("retries", () => {
  it("retries a failed delivery under the same message id until it gets a 2xx, signing each attempt", async () => {
    // The first user's event fails twice, then goes through.
    const { receiver, server } = await started([503, 500]);
    await vi.waitFor(() => expect(receiver.received).toHaveLength(SEEDED_USERS.length));
    // Two failed attempts, retried: more attempts than messages, and no new message ids for them.
    const ids = receiver.attempts.map((headers) => String(headers["svix-id"]));
    expect(new Set(ids)).toEqual(new Set(receiver.received.map((event) => event.id)));
    expect(receiver.attempts).toHaveLength(SEEDED_USERS.length + 2);
    // The sender counts a delivery once the answer is back, just after the endpoint recorded it.
    await vi.waitFor(() =>
      expect(server.clerk.webhook.sender?.counts).toEqual({
        delivered: SEEDED_USERS.length,
        failed: 0,
      }),
    );
    expect(server.clerk.webhook.sender?.waiting).toBe(0);
  });

  it("gives up after the schedule runs out (attempts bounded), and an unreachable endpoint is no error", async () => {
    const failing = Array.from({ length: 50 }, () => 500);
    const { receiver, server } = await started(failing, [10, 10]);
    await vi.waitFor(() =>
      expect(server.clerk.webhook.sender?.counts.failed).toBe(SEEDED_USERS.length),
    );
    // One first attempt and two retries per message.
    expect(receiver.attempts).toHaveLength(SEEDED_USERS.length * 3);
    expect(receiver.received).toEqual([]);

    const nowhere = await startTestServer({
      dataDir: makeDataDir(),
      webhook: { url: "http://127.0.0.1:9/nothing-listens", retryDelaysMs: [] },
    });
    cleanups.push(() => nowhere.stop());
    await vi.waitFor(() =>
      expect(nowhere.clerk.webhook.sender?.counts.failed).toBe(SEEDED_USERS.length),
    );
  });
});
