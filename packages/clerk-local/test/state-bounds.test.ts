// The state on disk stays bounded and cheap to write: anonymous traffic stores nothing (or hits a cap with a clear
// 429), ended sessions and abandoned attempts are deleted, a write appends its change instead of rewriting the
// state, an answered write survives kill -9, and a damaged file stops the server with a message saying what to do.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { appendFileSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

import { SEEDED_USERS } from "@repo/local-server/seeded-users";
import { afterEach, describe, expect, it, vi } from "vitest";

import { readCliSettings } from "../src/env";
import { startClerkLocal } from "../src/index";
import { hashPassword } from "../src/store";
import type { Envelope, SignInJson, SignUpJson, TestServer } from "./support";
import { ALICE, expectClerkError, FapiBrowser, makeDataDir, startTestServer } from "./support";

const [, BOB] = SEEDED_USERS;
const servers: TestServer[] = [];
afterEach(async () => {
  vi.useRealTimers();
  for (const server of servers.splice(0)) await server.stop();
});

async function start(options: Parameters<typeof startTestServer>[0] = {}) {
  const server = await startTestServer(options);
  servers.push(server);
  return server;
}

const stateBytes = (dataDir: string) =>
  ["state.json", "state.log"].reduce((sum, file) => sum + statSync(join(dataDir, file)).size, 0);
const stateText = (dataDir: string) =>
  ["state.json", "state.log"].map((file) => readFileSync(join(dataDir, file), "utf8")).join("\n");

describe("anonymous traffic", () => {
  it("leaves the state bounded after 900 requests: lookers store nothing, pending sign-ups hit a cap", async () => {
    const server = await start({ maxPendingClients: 50 });
    const before = stateBytes(server.dataDir);
    const app = "http://127.0.0.1:3999/";
    const statuses: number[] = [];
    for (let index = 0; index < 300; index++) {
      // A new visitor: clerk-js creates a dev browser and reads its client.
      const browser = await FapiBrowser.open(server.clerk.url);
      await browser.client();
      // A server-side handshake without a dev browser (nonce format, as @clerk/nextjs can ask for).
      const handshake = await fetch(
        `${server.clerk.url}/v1/client/handshake?${new URLSearchParams({ redirect_url: app, format: "nonce" })}`,
        { redirect: "manual" },
      );
      expect(handshake.status).toBe(307);
      // A sign-up left half done (email only).
      const signUp = await browser.call("POST", "/v1/client/sign_ups", {
        email_address: `drive-by-${index}@example.com`,
      });
      statuses.push(signUp.status);
      if (signUp.status === 429) expectClerkError(signUp, 429, "too_many_requests");
    }
    expect(statuses.filter((status) => status === 200)).toHaveLength(50);
    expect(statuses.filter((status) => status === 429)).toHaveLength(250);
    // 50 pending sign-ups with their clients: a few hundred bytes each, nothing for the lookers.
    expect(stateBytes(server.dataDir) - before).toBeLessThan(50 * 1500);
  });

  it("lets a handshake nonce expire when it is never redeemed", async () => {
    const server = await start();
    const response = await fetch(
      `${server.clerk.url}/v1/client/handshake?${new URLSearchParams({ redirect_url: "http://127.0.0.1:3999/", format: "nonce" })}`,
      { redirect: "manual" },
    );
    const nonce =
      new URL(response.headers.get("location") ?? "").searchParams.get("__clerk_handshake_nonce") ??
      "";
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + 6 * 60 * 1000 });
    const redeemed = await fetch(
      `${server.clerk.url}/v1/clients/handshake_payload?${new URLSearchParams({ nonce })}`,
      { headers: { authorization: `Bearer ${server.clerk.secretKey}` } },
    );
    expect(redeemed.status).toBe(404);
  });
});

describe("the user quota (Clerk's development-instance cap)", () => {
  it("refuses users past it on both APIs; deleteUser frees a place and signs the user out", async () => {
    const server = await start({ maxUsers: 4 }); // 2 of them seeded
    const passphrase = "quota-passphrase";
    await server.bapi.users.createUser({ emailAddress: ["q1@example.com"], password: passphrase });
    const browser = await FapiBrowser.open(server.clerk.url);
    const signedUp = await browser.call<Envelope<SignUpJson>>("POST", "/v1/client/sign_ups", {
      email_address: "q2@example.com",
      password: passphrase,
    });
    expect(signedUp.body.response.status).toBe("complete");

    const refused = await (
      await FapiBrowser.open(server.clerk.url)
    ).call("POST", "/v1/client/sign_ups", {
      email_address: "q3@example.com",
      password: passphrase,
    });
    expectClerkError(refused, 403, "user_quota_exceeded");
    expect(JSON.stringify(refused.body)).toContain(
      "You have reached your limit of 4 users. If you need more users, please use a Production instance.",
    );
    await expect(
      server.bapi.users.createUser({ emailAddress: ["q3@example.com"], password: passphrase }),
    ).rejects.toMatchObject({ status: 403, errors: [{ code: "user_quota_exceeded" }] });

    const userId = signedUp.body.response.created_user_id ?? "";
    const sessionId = signedUp.body.response.created_session_id ?? "";
    await server.bapi.users.deleteUser(userId);
    expectClerkError(await browser.token(sessionId), 404, "resource_not_found");
    await expect(server.bapi.users.getUser(userId)).rejects.toMatchObject({ status: 404 });
    const created = await server.bapi.users.createUser({
      emailAddress: ["q3@example.com"],
      password: passphrase,
    });
    expect(created.emailAddresses[0]?.emailAddress).toBe("q3@example.com");
  });

  it("defaults to 100 in the CLI, set by CLERK_LOCAL_MAX_USERS (at least the seeded users)", () => {
    vi.stubEnv("CLERK_LOCAL_MAX_USERS", undefined);
    expect(readCliSettings().maxUsers).toBe(100);
    vi.stubEnv("CLERK_LOCAL_MAX_USERS", "5000");
    expect(readCliSettings().maxUsers).toBe(5000);
    vi.stubEnv("CLERK_LOCAL_MAX_USERS", "1");
    expect(() => readCliSettings()).toThrow(/CLERK_LOCAL_MAX_USERS must be a whole number from 2/);
  });
});

describe("expiry", () => {
  it("deletes ended sessions and abandoned sign-ins / sign-ups, keeping users and live sessions", async () => {
    const dataDir = makeDataDir();
    const first = await startTestServer({ dataDir, keepDir: true });
    const signedOut = await FapiBrowser.open(first.clerk.url);
    const ended = await signedOut.signIn(ALICE.email, ALICE.password);
    await signedOut.call("DELETE", "/v1/client/sessions");
    const live = await FapiBrowser.open(first.clerk.url);
    const kept = await live.signIn(BOB.email, BOB.password);
    const idle = await FapiBrowser.open(first.clerk.url);
    const pendingSignIn = await idle.call<Envelope<SignInJson>>("POST", "/v1/client/sign_ins", {
      identifier: ALICE.email,
    });
    const idle2 = await FapiBrowser.open(first.clerk.url);
    const pendingSignUp = await idle2.call<Envelope<SignUpJson>>("POST", "/v1/client/sign_ups", {
      email_address: "left-halfway@example.com",
    });
    await first.stop();

    // A day and an hour later (sessions last 7 days; attempts are abandoned after 24 hours).
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + 25 * 3600 * 1000 });
    const second = await startTestServer({ dataDir });
    servers.push(second);
    const text = stateText(dataDir);
    expect(text).not.toContain(ended.sessionId);
    expect(text).not.toContain(pendingSignIn.body.response.id);
    expect(text).not.toContain(pendingSignUp.body.response.id);
    expect(text).toContain(kept.sessionId);
    const resumed = FapiBrowser.resume(second.clerk.url, live.devBrowser);
    expect((await resumed.token(kept.sessionId)).status).toBe(200);
    expect(
      (await FapiBrowser.resume(second.clerk.url, idle.devBrowser).client()).sign_in,
    ).toBeNull();
  });
});

describe("writes", () => {
  it("append the change to state.log and leave the snapshot alone, whatever the state's size", async () => {
    const server = await start();
    for (let index = 0; index < 40; index++) {
      await server.bapi.users.createUser({
        emailAddress: [`bulk-${index}@example.com`],
        password: `bulk-passphrase-${index}`,
      });
    }
    // Owner-only: the state holds password hashes and session ids.
    for (const file of ["state.json", "state.log"])
      expect(statSync(join(server.dataDir, file)).mode & 0o777).toBe(0o600);
    const snapshot = readFileSync(join(server.dataDir, "state.json"));
    const logBefore = statSync(join(server.dataDir, "state.log")).size;
    await (await FapiBrowser.open(server.clerk.url)).signIn(ALICE.email, ALICE.password);
    expect(readFileSync(join(server.dataDir, "state.json")).equals(snapshot)).toBe(true);
    const appended = statSync(join(server.dataDir, "state.log")).size - logBefore;
    expect(appended).toBeGreaterThan(0);
    expect(appended).toBeLessThan(stateBytes(server.dataDir) / 8);
  });

  it("survive kill -9 once answered", async () => {
    const dataDir = makeDataDir();
    const fixture = join(dirname(fileURLToPath(import.meta.url)), "fixtures", "serve.ts");
    const child = spawn(process.execPath, ["--import", "tsx", fixture, dataDir], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    try {
      const [line] = (await once(createInterface({ input: child.stdout }), "line")) as [string];
      const { url, secretKey } = JSON.parse(line) as { url: string; secretKey: string };
      const created = await fetch(`${url}/v1/users`, {
        method: "POST",
        headers: { authorization: `Bearer ${secretKey}`, "content-type": "application/json" },
        body: JSON.stringify({
          email_address: ["survivor@example.com"],
          password: "survivor-passphrase",
        }),
      });
      expect(created.status).toBe(200);
      const browser = await FapiBrowser.open(url);
      const { sessionId } = await browser.signIn("survivor@example.com", "survivor-passphrase");
      child.kill("SIGKILL");
      await new Promise((resolve) => child.once("exit", resolve));

      const after = await startTestServer({ dataDir });
      servers.push(after);
      const resumed = FapiBrowser.resume(after.clerk.url, browser.devBrowser);
      expect((await resumed.token(sessionId)).status).toBe(200);
      expect(
        (
          await (
            await FapiBrowser.open(after.clerk.url)
          ).signIn("survivor@example.com", "survivor-passphrase")
        ).userId,
      ).toMatch(/^user_/);
    } finally {
      child.kill("SIGKILL");
    }
  });
});

describe("a data dir from before the change log", () => {
  it("loads its state.json: users sign in, anonymous clients and ended sessions are swept", async () => {
    const dataDir = makeDataDir();
    const user = {
      id: "user_legacy",
      emailId: "idn_legacy",
      email: "legacy@example.com",
      firstName: "Lee",
      lastName: null,
      passwordHash: hashPassword("legacy-passphrase"),
      createdAt: 1,
      updatedAt: 1,
      lastSignInAt: null,
    };
    const anonymous = {
      id: "client_old",
      devBrowserId: "dvb_old",
      sessionIds: [],
      lastActiveSessionId: null,
      signInId: null,
      signUpId: null,
      createdAt: 1,
      updatedAt: 1,
    };
    writeFileSync(
      join(dataDir, "state.json"),
      JSON.stringify({
        users: { [user.id]: user },
        clients: { [anonymous.id]: anonymous },
        sessions: {},
        signIns: {},
        signUps: {},
      }),
    );
    const server = await startTestServer({ dataDir });
    servers.push(server);
    expect(stateText(dataDir)).not.toContain("client_old");
    const { userId } = await (
      await FapiBrowser.open(server.clerk.url)
    ).signIn("legacy@example.com", "legacy-passphrase");
    expect(userId).toBe("user_legacy");
  });
});

describe("a damaged data dir", () => {
  async function damaged(damage: (dataDir: string) => void) {
    const dataDir = makeDataDir();
    const server = await startTestServer({ dataDir, keepDir: true });
    await (await FapiBrowser.open(server.clerk.url)).signIn(ALICE.email, ALICE.password);
    await (await FapiBrowser.open(server.clerk.url)).signIn(BOB.email, BOB.password);
    await server.stop();
    damage(dataDir);
    return dataDir;
  }

  it("refuses to start on a corrupt snapshot, naming the file and the way out", async () => {
    const dataDir = await damaged((dir) => {
      writeFileSync(join(dir, "state.json"), '{"users": {"u": ');
    });
    await expect(startClerkLocal({ port: 0, dataDir, assets: false })).rejects.toThrow(
      new RegExp(`${join(dataDir, "state.json")} is corrupt.*delete that folder`, "s"),
    );
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("refuses a corrupt line inside the log, but drops a torn last line (a crash mid-append)", async () => {
    const torn = await damaged((dir) => {
      appendFileSync(join(dir, "state.log"), '[["users","x",{"id"');
    });
    const server = await startTestServer({ dataDir: torn });
    servers.push(server);
    expect(
      (await (await FapiBrowser.open(server.clerk.url)).signIn(ALICE.email, ALICE.password)).userId,
    ).toMatch(/^user_/);

    const corrupt = await damaged((dir) => {
      writeFileSync(join(dir, "state.log"), 'garbage\n[["users","x",null]]\n');
    });
    await expect(startClerkLocal({ port: 0, dataDir: corrupt, assets: false })).rejects.toThrow(
      `${join(corrupt, "state.log")} is corrupt (line 1`,
    );
    rmSync(corrupt, { recursive: true, force: true });
  });
});
