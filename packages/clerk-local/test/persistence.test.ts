// What survives a restart on the same data dir: the signing key (same kid, same public key, same secret key),
// users, and signed-in sessions. The default data dir is git-ignored.
import { readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

import { verifyToken } from "@clerk/backend";
import { afterAll, describe, expect, it, vi } from "vitest";

import { readCliSettings } from "../src/env";
import { startClerkLocal } from "../src/index";
import type { TestServer } from "./support";
import { ALICE, decodeHeader, FapiBrowser, makeDataDir, startTestServer } from "./support";

const dataDir = makeDataDir();
afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

async function jwksKids(server: TestServer): Promise<string[]> {
  const { keys = [] } = await server.bapi.jwks.getJwks();
  return keys.map((key) => key.kid);
}

describe("a restart on the same data dir", () => {
  it("keeps the signing key, the users and the sessions", async () => {
    const first = await startTestServer({ dataDir, keepDir: true, convexIntegration: "template" });
    const keyFile = join(dataDir, "signing-key.json");
    // Generated on first start, readable by the owner only (it holds the private key and the secret key).
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    const before = {
      kids: await jwksKids(first),
      jwtKey: first.jwtKey,
      secretKey: first.clerk.secretKey,
    };
    const created = await first.bapi.users.createUser({
      emailAddress: ["persisted@example.com"],
      password: "persisted-password",
      firstName: "Percy",
    });
    const browser = await FapiBrowser.open(first.clerk.url);
    const { sessionId } = await browser.signIn(ALICE.email, ALICE.password);
    const tokenBefore = (await browser.token(sessionId)).body.jwt;
    await first.stop();

    const second = await startTestServer({ dataDir, keepDir: true, convexIntegration: "template" });
    try {
      expect(second.clerk.url).not.toBe(first.clerk.url);
      expect(await jwksKids(second)).toEqual(before.kids);
      expect(second.jwtKey).toBe(before.jwtKey);
      expect(second.clerk.secretKey).toBe(before.secretKey);
      // A token minted before the restart still verifies against the key served after it.
      expect(decodeHeader(tokenBefore).kid).toBe(before.kids[0]);
      await expect(verifyToken(tokenBefore, { jwtKey: second.jwtKey })).resolves.toMatchObject({
        sid: sessionId,
      });

      const user = await second.bapi.users.getUser(created.id);
      expect(user.firstName).toBe("Percy");
      const signedIn = await (
        await FapiBrowser.open(second.clerk.url)
      ).signIn("persisted@example.com", "persisted-password");
      expect(signedIn.userId).toBe(created.id);

      // The same dev browser is still signed in: clerk-js reloading after a restart keeps its session.
      const resumed = FapiBrowser.resume(second.clerk.url, browser.devBrowser);
      expect((await resumed.client()).last_active_session_id).toBe(sessionId);
      expect((await resumed.token(sessionId, "convex")).status).toBe(200);
    } finally {
      await second.stop();
    }
  });

  it("does not reuse keys across data dirs (so the check above is not vacuous)", async () => {
    const other = await startTestServer();
    try {
      const original = JSON.parse(readFileSync(join(dataDir, "signing-key.json"), "utf8")) as {
        kid: string;
      };
      expect(await jwksKids(other)).not.toContain(original.kid);
    } finally {
      await other.stop();
    }
  });
});

describe("a damaged signing-key.json", () => {
  // Regression: the key file was parsed unchecked, so a damaged one failed deep inside crypto (or started with
  // undefined keys) instead of naming the file.
  it.each([
    ["{ not json", /signing-key\.json is not valid JSON .*delete it to start over/],
    ['{"kid":"k","secretKey":"s"}', /signing-key\.json does not hold what clerk-local wrote there/],
    [
      '{"kid":"k","secretKey":"s","privatePem":"not a key"}',
      /signing-key\.json does not hold what clerk-local wrote there/,
    ],
  ])("refuses to start on %s, naming the file", async (content, message) => {
    const damaged = makeDataDir();
    try {
      writeFileSync(join(damaged, "signing-key.json"), content);
      await expect(startClerkLocal({ port: 0, dataDir: damaged, assets: false })).rejects.toThrow(
        message,
      );
    } finally {
      rmSync(damaged, { recursive: true, force: true });
    }
  });
});

describe("the default data dir", () => {
  it("is <repo>/.data/clerk, which the root .gitignore excludes", () => {
    vi.stubEnv("OFFLINE_DATA_DIR", undefined);
    const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
    const { dataDir: defaultDir } = readCliSettings();
    expect(relative(repoRoot, defaultDir)).toBe(join(".data", "clerk"));
    const ignored = readFileSync(join(repoRoot, ".gitignore"), "utf8")
      .split("\n")
      .map((line) => line.trim());
    expect(ignored).toContain(".data/");
  });
});
