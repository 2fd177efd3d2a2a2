// Keys and users live in the data dir: after a restart the JWKS is the same, tokens issued before still verify,
// and Alice keeps her `sub` (so Convex still maps her to the same user). A damaged file is named.
import { rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";

import { createRemoteJWKSet, decodeJwt, jwtVerify } from "jose";
import { describe, expect, it } from "vitest";

import { startAuth0Local } from "../src/index";
import {
  ALICE,
  authorizeUrl,
  Browser,
  exchangeCode,
  logIn,
  makeDataDir,
  pkcePair,
  startTestServer,
  tokenRequest,
  WEB,
} from "./support";

async function aliceIdToken(base: string): Promise<string> {
  const { code, verifier } = await logIn(new Browser(), base, ALICE);
  return (await exchangeCode(base, code, verifier)).id_token;
}

async function jwks(base: string): Promise<unknown> {
  return (await fetch(`${base}/.well-known/jwks.json`)).json();
}

describe("persistence", () => {
  it("keeps the signing key and the users' ids across a restart", async () => {
    const dataDir = makeDataDir();
    const first = await startTestServer({ dataDir, keepDir: true });
    const port = new URL(first.server.url).port;
    const before = await aliceIdToken(first.server.url);
    const keysBefore = await jwks(first.server.url);
    await first.stop();

    const second = await startTestServer({ dataDir });
    try {
      expect(await jwks(second.server.url)).toEqual(keysBefore);
      // The token from before the restart still verifies against the new server's JWKS.
      const keySet = createRemoteJWKSet(new URL(`${second.server.url}/.well-known/jwks.json`));
      const { payload } = await jwtVerify(before, keySet, {
        issuer: `http://localhost:${port}/`,
        audience: WEB.clientId,
      });
      expect(decodeJwt(await aliceIdToken(second.server.url)).sub).toBe(payload.sub);
      for (const file of ["keys.json", "users.json"])
        expect(statSync(join(dataDir, file)).mode & 0o777).toBe(0o600);
    } finally {
      await second.stop();
    }
  });

  it("keeps sessions and refresh tokens across a restart on the same port", async () => {
    const dataDir = makeDataDir();
    const first = await startTestServer({ dataDir, keepDir: true });
    const port = Number(new URL(first.server.url).port);
    const browser = new Browser();
    const { code, verifier } = await logIn(browser, first.server.url, ALICE);
    const tokens = await exchangeCode(first.server.url, code, verifier);
    await first.stop();
    // Let fetch's connection pool see the old server's sockets close before the same port answers again.
    await new Promise((resolve) => setTimeout(resolve, 100));

    const second = await startAuth0Local({ port, dataDir, clients: [WEB] });
    try {
      // The browser's session cookie still names a session: silent authentication needs no login.
      const { challenge } = pkcePair();
      const silent = await browser.follow(
        authorizeUrl(second.url, { challenge, state: "s", extra: { prompt: "none" } }),
        second.url,
      );
      expect(new URL(silent.url).searchParams.get("code")).toEqual(expect.any(String) as unknown);
      const refreshed = await tokenRequest(second.url, {
        grant_type: "refresh_token",
        refresh_token: tokens.refresh_token ?? "",
        client_id: WEB.clientId,
        client_secret: WEB.clientSecret,
      });
      expect(refreshed.status).toBe(200);
      expect(statSync(join(dataDir, "sessions.json")).mode & 0o777).toBe(0o600);
    } finally {
      await second.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it.each(["keys.json", "users.json", "sessions.json"])(
    "refuses to start on a damaged %s, naming it",
    async (file) => {
      const dataDir = makeDataDir();
      writeFileSync(join(dataDir, file), "{ not json");
      await expect(startAuth0Local({ port: 0, dataDir })).rejects.toThrow(
        new RegExp(`${file}.*delete it to start over`),
      );
      writeFileSync(join(dataDir, file), JSON.stringify({ unexpected: true }));
      await expect(startAuth0Local({ port: 0, dataDir })).rejects.toThrow(
        /does not hold what auth0-local wrote/,
      );
      rmSync(dataDir, { recursive: true, force: true });
    },
  );
});
