// The two Clerk setups for Convex, chosen by the settings file (`convexIntegration`), CLERK_LOCAL_CONVEX_INTEGRATION
// or the start option: the Convex integration (the default: session tokens carry aud "convex", no "convex" JWT
// template exists) and the JWT template. Tokens are checked with the real @clerk/backend verifier; the custom
// session claims (`sessionClaims`) are rendered as the Clerk dashboard's session token customization does.
import { writeFileSync } from "node:fs";
import { join } from "node:path";

import { verifyToken } from "@clerk/backend";
import { SEEDED_USERS } from "@repo/local-server/seeded-users";
import { afterEach, describe, expect, it, vi } from "vitest";

import { SESSION_ISSUER } from "../src/index";
import type { TestServer } from "./support";
import {
  ALICE,
  decodeHeader,
  decodePayload,
  expectClerkError,
  FapiBrowser,
  makeDataDir,
  startTestServer,
} from "./support";

const servers: TestServer[] = [];
afterEach(async () => {
  vi.unstubAllEnvs();
  await Promise.all(servers.splice(0).map((server) => server.stop()));
});

/** A server with `settings` as its settings file (none when undefined), and Alice signed in on a dev browser. */
async function signedIn(
  settings?: Record<string, unknown>,
  options: Parameters<typeof startTestServer>[0] = {},
) {
  const dataDir = makeDataDir();
  if (settings !== undefined) {
    writeFileSync(join(dataDir, "clerk-local.json"), JSON.stringify(settings));
  }
  const server = await startTestServer({ dataDir, ...options });
  servers.push(server);
  const browser = await FapiBrowser.open(server.clerk.url);
  const { sessionId, userId } = await browser.signIn(ALICE.email, ALICE.password);
  const { status, body } = await browser.token(sessionId);
  expect(status).toBe(200);
  return { server, browser, sessionId, userId, sessionJwt: body.jwt };
}

describe("the Convex integration (the default)", () => {
  it("puts aud convex in the session token, issued by the Frontend API URL", async () => {
    const { server, sessionId, userId, sessionJwt } = await signedIn();
    expect(server.clerk.convexIntegration).toBe("native");
    const payload = await verifyToken(sessionJwt, {
      jwtKey: server.jwtKey,
      audience: "convex",
      issuer: SESSION_ISSUER,
    });
    const alice = SEEDED_USERS[0];
    expect(payload).toMatchObject({
      iss: SESSION_ISSUER,
      aud: "convex",
      sub: userId,
      sid: sessionId,
      v: 2,
      // This server's default session claims (see "sessionClaims" below for Clerk's bare default).
      name: `${alice.firstName} ${alice.lastName}`,
      email: alice.email,
    });
    // Convex is told to trust exactly that issuer.
    expect(server.clerk.issuer).toBe(SESSION_ISSUER);
  });

  it("serves the issuer's discovery, whose JWKS has the session token's key, where oidcDiscovery says", async () => {
    const { server, sessionJwt } = await signedIn();
    const at = server.clerk.oidcDiscovery[SESSION_ISSUER];
    expect(at).toBe(server.clerk.url);
    const discovery = (await (await fetch(`${at}/.well-known/openid-configuration`)).json()) as {
      issuer: string;
      jwks_uri: string;
    };
    expect(discovery.issuer).toBe(decodePayload(sessionJwt).iss);
    const jwks = (await (await fetch(discovery.jwks_uri)).json()) as { keys: { kid: string }[] };
    expect(jwks.keys.map((key) => key.kid)).toContain(decodeHeader(sessionJwt).kid);
  });

  it("still serves its pages at its own URL (the issuer is only the tokens' iss)", async () => {
    const { server, browser, userId } = await signedIn();
    const environment = await browser.call<{ display_config: Record<string, string> }>(
      "GET",
      "/v1/environment",
    );
    expect(environment.body.display_config.sign_in_url).toBe(`${server.clerk.url}/sign-in`);
    const ticket = await server.bapi.signInTokens.createSignInToken({
      userId,
      expiresInSeconds: 600,
    });
    expect(ticket.url).toMatch(new RegExp(`^${server.clerk.url}/sign-in\\?__clerk_ticket=`));
  });

  it("has no convex JWT template, on the Frontend or the Backend API", async () => {
    const { server, browser, sessionId } = await signedIn();
    const fapi = await browser.token(sessionId, "convex");
    expectClerkError(fapi, 404, "resource_not_found");
    expect(JSON.stringify(fapi.body)).toContain("No JWT template exists with name: convex");
    await expect(server.bapi.sessions.getToken(sessionId, "convex")).rejects.toMatchObject({
      status: 404,
    });
    // The Backend API's session token (server-side getToken() without a template) carries the audience too.
    const { jwt } = await server.bapi.sessions.getToken(sessionId);
    expect(decodePayload(jwt)).toMatchObject({ aud: "convex", iss: SESSION_ISSUER });
  });
});

describe("the JWT template setup", () => {
  it("leaves aud out of session tokens and issues the convex template from its own URL", async () => {
    const { server, browser, sessionId, sessionJwt } = await signedIn({
      convexIntegration: "template",
    });
    expect(decodePayload(sessionJwt).aud).toBeUndefined();
    expect(server.clerk.issuer).toBe(server.clerk.url);
    expect(server.clerk.oidcDiscovery).toEqual({});
    const { status, body } = await browser.token(sessionId, "convex");
    expect(status).toBe(200);
    expect(decodePayload(body.jwt)).toMatchObject({ aud: "convex", iss: server.clerk.url });
  });

  it("is what CLERK_LOCAL_CONVEX_INTEGRATION picks over the settings file, and the start option over both", async () => {
    vi.stubEnv("CLERK_LOCAL_CONVEX_INTEGRATION", "template");
    const fromEnv = await signedIn({ convexIntegration: "native" });
    expect(fromEnv.server.clerk.convexIntegration).toBe("template");
    const fromOption = await signedIn(undefined, { convexIntegration: "native" });
    expect(fromOption.server.clerk.convexIntegration).toBe("native");
  });

  it("refuses an unknown CLERK_LOCAL_CONVEX_INTEGRATION, naming it", async () => {
    vi.stubEnv("CLERK_LOCAL_CONVEX_INTEGRATION", "both");
    await expect(startTestServer()).rejects.toThrow(
      /CLERK_LOCAL_CONVEX_INTEGRATION must be one of native, template \(got "both"\)/,
    );
  });
});

describe("custom session claims (sessionClaims)", () => {
  it("with {} issues Clerk's own default session token: no name, no email", async () => {
    const { sessionJwt } = await signedIn({ sessionClaims: {} });
    const payload = decodePayload(sessionJwt);
    expect(payload.aud).toBe("convex");
    expect(payload).not.toHaveProperty("name");
    expect(payload).not.toHaveProperty("email");
  });

  it("renders shortcodes for the user and keeps literals; empty values are left out", async () => {
    const { sessionJwt, userId } = await signedIn({
      sessionClaims: {
        given_name: "{{user.first_name}}",
        uid: "{{ user.id }}",
        nickname: "{{user.username}}",
        plan: "free",
        beta: true,
      },
    });
    const payload = decodePayload(sessionJwt);
    expect(payload).toMatchObject({ given_name: "Alice", uid: userId, plan: "free", beta: true });
    // The seeded users have no username.
    expect(payload).not.toHaveProperty("nickname");
  });

  it.each([
    [{ sessionClaims: { sub: "someone-else" } }, /"sub" is set by Clerk itself/],
    [{ sessionClaims: { aud: "other" } }, /"aud" is set by Clerk itself/],
    [{ sessionClaims: { name: "{{user.password}}" } }, /unknown shortcode/],
    [{ sessionClaims: { "bad name": 1 } }, /sessionClaims/],
    [{ convexIntegration: "jwt" }, /convexIntegration/],
  ])("refuses the settings %j, saying why", async (settings, reason) => {
    const dataDir = makeDataDir();
    writeFileSync(join(dataDir, "clerk-local.json"), JSON.stringify(settings));
    await expect(startTestServer({ dataDir })).rejects.toThrow(reason);
  });
});
