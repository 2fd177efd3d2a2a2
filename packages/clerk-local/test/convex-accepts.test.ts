// The "convex" token clerk-local mints is accepted by the local Convex backend running the project's real
// auth.config.ts (OIDC discovery + JWKS on clerk-local's issuer), through the real ConvexHttpClient.
import type { ConvexLocal } from "@repo/convex-local";
import { startConvexLocal } from "@repo/convex-local";
import { SEEDED_USERS } from "@repo/local-server/seeded-users";
import { ConvexHttpClient } from "convex/browser";
import { makeFunctionReference } from "convex/server";
import { generateKeyPair, SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { TestServer } from "./support";
import { ALICE, decodeHeader, decodePayload, FapiBrowser, startTestServer } from "./support";

interface UserRow {
  _id: string;
  tokenIdentifier: string;
  name: string;
  email?: string;
}
const store = makeFunctionReference<"mutation", Record<string, never>, string>("users:store");
const me = makeFunctionReference<"query", Record<string, never>, UserRow | null>("users:me");

let clerk: TestServer;
let convex: ConvexLocal;
let browser: FapiBrowser;
let sessionId: string;
let userId: string;

beforeAll(async () => {
  clerk = await startTestServer();
  convex = await startConvexLocal({
    port: 0,
    sitePort: 0,
    dataDir: null,
    env: { CLERK_JWT_ISSUER_DOMAIN: clerk.clerk.issuer },
    logs: false,
  });
  browser = await FapiBrowser.open(clerk.clerk.url);
  ({ sessionId, userId } = await browser.signIn(ALICE.email, ALICE.password));
});
afterAll(async () => {
  await convex.stop();
  await clerk.stop();
});

function client(token?: string): ConvexHttpClient {
  const http = new ConvexHttpClient(convex.url);
  if (token !== undefined) http.setAuth(token);
  return http;
}

async function convexToken(): Promise<string> {
  const { status, body } = await browser.token(sessionId, "convex");
  expect(status).toBe(200);
  return body.jwt;
}

describe("Convex with clerk-local as its Clerk issuer", () => {
  it("accepts the convex token: users:store creates the row, users:me returns the identity", async () => {
    const alice = SEEDED_USERS[0];
    const authed = client(await convexToken());
    const id = await authed.mutation(store, {});
    const row = await authed.query(me, {});
    expect(row).toMatchObject({
      _id: id,
      // Convex's tokenIdentifier is `${iss}|${sub}`: the issuer it trusted and the Clerk user id.
      tokenIdentifier: `${clerk.clerk.issuer}|${userId}`,
      name: `${alice.firstName} ${alice.lastName}`,
      email: alice.email,
    });
  });

  it("maps the Backend API's convex token (server-side getToken) to the same user", async () => {
    const { jwt } = await clerk.bapi.sessions.getToken(sessionId, "convex");
    const authed = client(jwt);
    const first = await client(await convexToken()).mutation(store, {});
    expect(await authed.mutation(store, {})).toBe(first);
  });

  it("sees a signed-out caller as nobody", async () => {
    expect(await client().query(me, {})).toBeNull();
    await expect(client().mutation(store, {})).rejects.toThrow(/Sign in first/);
  });

  it("rejects the same claims signed by another key", async () => {
    const real = await convexToken();
    const stranger = await generateKeyPair("RS256");
    const forged = await new SignJWT(decodePayload(real))
      .setProtectedHeader({ alg: "RS256", typ: "JWT", kid: String(decodeHeader(real).kid) })
      .sign(stranger.privateKey);
    await expect(client(forged).query(me, {})).rejects.toThrow(
      /Unauthenticated.*signature verification failed/,
    );
    await expect(client(forged).mutation(store, {})).rejects.toThrow(/Unauthenticated/);
  });

  it("rejects the session token, which is not meant for Convex (other issuer, no aud)", async () => {
    const { body } = await browser.token(sessionId);
    await expect(client(body.jwt).query(me, {})).rejects.toThrow(
      /Unauthenticated.*No auth provider found/,
    );
  });
});
