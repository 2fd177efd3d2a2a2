// The local auth server the stack starts for AUTH_PROVIDER=auth0, and what it tells Convex to trust: that server
// only, with the app's client as the ID token audience.
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { expect, it } from "vitest";

import { localAuthServer } from "../src/auth-server";
import { testSettings } from "./settings";

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

it("starts auth0-local and has Convex trust its issuer alone", async () => {
  const dataDir = mkdtempSync(join(tmpdir(), "offline-stack-auth0-"));
  const settings = testSettings({ dataDir, authProvider: "auth0", auth0Port: await freePort() });
  const server = localAuthServer(settings);
  const started = await server.start();
  try {
    const url = `http://localhost:${settings.auth0Port}`;
    expect(started.convexEnv).toEqual({
      AUTH0_DOMAIN: url,
      AUTH0_CLIENT_ID: "auth0-local-client",
    });
    expect((await fetch(server.healthUrl)).status).toBe(200);
    const appEnv = await server.appEnv();
    expect(appEnv).toMatchObject({ AUTH0_DOMAIN: url, APP_BASE_URL: "http://localhost:3000" });
  } finally {
    await started.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

it("starts the plain OpenID provider for oidc and has Convex trust its issuer alone", async () => {
  const dataDir = mkdtempSync(join(tmpdir(), "offline-stack-oidc-"));
  const settings = testSettings({ dataDir, authProvider: "oidc", oidcPort: await freePort() });
  const server = localAuthServer(settings);
  const started = await server.start();
  try {
    const issuer = `http://localhost:${settings.oidcPort}/`;
    expect(started.convexEnv).toEqual({ OIDC_ISSUER: issuer, OIDC_CLIENT_ID: "oidc-local-client" });
    const discovery = (await (await fetch(`${issuer}.well-known/openid-configuration`)).json()) as {
      issuer: string;
      authorization_endpoint: string;
    };
    expect(discovery.issuer).toBe(issuer);
    expect(discovery.authorization_endpoint).toBe(`${issuer}auth`);
    const appEnv = await server.appEnv();
    expect(appEnv).toMatchObject({
      OIDC_ISSUER: issuer,
      OIDC_CLIENT_ID: "oidc-local-client",
      APP_BASE_URL: "http://localhost:3000",
    });
    expect(appEnv.OIDC_SECRET?.length).toBeGreaterThanOrEqual(32);
  } finally {
    await started.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

it.each(["clerk", "auth0", "oidc"] as const)(
  "%s: works out the apps' env once per server, however often a start asks for it",
  async (authProvider) => {
    const dataDir = mkdtempSync(join(tmpdir(), `offline-stack-${authProvider}-env-`));
    const settings = testSettings({ dataDir, authProvider });
    try {
      const server = localAuthServer(settings);
      const first = await server.appEnv();
      // A fresh data folder would give new keys/secrets: the second call must not read it again.
      rmSync(dataDir, { recursive: true, force: true });
      expect(await server.appEnv()).toBe(first);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
);

it.each([
  ["native", "https://offline-emulator-00.clerk.accounts.dev"],
  ["template", null],
] as const)(
  "clerk (%s): has Convex trust the issuer of the tokens it gets, and says where its discovery is",
  async (clerkConvexIntegration, frontendApiUrl) => {
    const dataDir = mkdtempSync(join(tmpdir(), `offline-stack-clerk-${clerkConvexIntegration}-`));
    const settings = testSettings({
      dataDir,
      clerkPort: await freePort(),
      clerkConvexIntegration,
    });
    const started = await localAuthServer(settings).start();
    try {
      const url = `http://127.0.0.1:${settings.clerkPort}`;
      // With the Convex integration the issuer is Clerk's Frontend API URL (the session tokens'), served here.
      const issuer = frontendApiUrl ?? url;
      expect(started.convexEnv).toMatchObject({
        CLERK_JWT_ISSUER_DOMAIN: issuer,
        // The webhooks' signing secret, which the Convex HTTP action verifies them with.
        CLERK_WEBHOOK_SIGNING_SECRET: expect.stringMatching(/^whsec_/) as unknown,
      });
      expect(started.oidcDiscovery).toEqual(frontendApiUrl === null ? {} : { [issuer]: url });
      const discovery = (await (await fetch(`${url}/.well-known/openid-configuration`)).json()) as {
        issuer: string;
      };
      expect(discovery.issuer).toBe(issuer);
    } finally {
      await started.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
);
