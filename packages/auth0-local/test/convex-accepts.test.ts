// auth0-local's ID token is accepted by the local Convex backend through the two auth.config.ts forms Convex
// documents for an OpenID provider (Auth0's `domain` + `applicationID`, and `customJwt`), via the real
// ConvexHttpClient; a token for another client, a forged one and an expired one are refused.
import { join } from "node:path";

import type { ConvexLocal } from "@repo/convex-local";
import { startConvexLocal } from "@repo/convex-local";
import { ConvexHttpClient } from "convex/browser";
import { makeFunctionReference } from "convex/server";
import { decodeJwt, decodeProtectedHeader, generateKeyPair, SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { TestServer } from "./support";
import { ALICE, Browser, exchangeCode, logIn, SPA, startTestServer, WEB } from "./support";

interface Identity {
  tokenIdentifier: string;
  subject: string;
  issuer: string;
  name: string | null;
  email: string | null;
}
const whoami = makeFunctionReference<"query", Record<string, never>, Identity | null>(
  "identity:whoami",
);

let auth0: TestServer;
let idToken: string;
beforeAll(async () => {
  auth0 = await startTestServer();
  const { code, verifier } = await logIn(new Browser(), auth0.server.url, ALICE);
  idToken = (await exchangeCode(auth0.server.url, code, verifier)).id_token;
});
afterAll(async () => {
  await auth0.stop();
});

describe.each(["domain", "customJwt"])("Convex trusting auth0-local (%s provider)", (type) => {
  let convex: ConvexLocal;
  beforeAll(async () => {
    convex = await startConvexLocal({
      port: 0,
      sitePort: 0,
      dataDir: null,
      functionsDir: join(import.meta.dirname, "fixtures/convex"),
      env: {
        TEST_PROVIDER_TYPE: type,
        TEST_ISSUER: auth0.server.issuer,
        TEST_CLIENT_ID: WEB.clientId,
      },
      logs: false,
    });
  });
  afterAll(async () => {
    await convex.stop();
  });
  const client = (token?: string) => {
    const http = new ConvexHttpClient(convex.url);
    if (token !== undefined) http.setAuth(token);
    return http;
  };

  it("accepts the ID token: the identity is the Auth0 user", async () => {
    const claims = decodeJwt(idToken);
    expect(await client(idToken).query(whoami, {})).toEqual({
      // Convex's tokenIdentifier is `${iss}|${sub}`: Auth0's issuer form (with the trailing /) and auth0|id.
      tokenIdentifier: `${auth0.server.issuer}|${String(claims.sub)}`,
      subject: claims.sub,
      issuer: auth0.server.issuer,
      name: "Alice Anders",
      email: ALICE.email,
    });
  });

  it("sees no token as signed out", async () => {
    expect(await client().query(whoami, {})).toBeNull();
  });

  it("refuses an ID token issued to another application (aud)", async () => {
    // The SPA client is public: it logs in with PKCE and no secret.
    const { code, verifier } = await logIn(new Browser(), auth0.server.url, ALICE, {
      clientId: SPA.clientId,
      redirectUri: SPA.callbackUrls[0],
    });
    const other = await exchangeCode(auth0.server.url, code, verifier, {
      clientId: SPA.clientId,
      redirectUri: SPA.callbackUrls[0] ?? "",
    });
    await expect(client(other.id_token).query(whoami, {})).rejects.toThrow(/Unauthenticated/);
  });

  it("refuses the same claims signed by another key", async () => {
    const stranger = await generateKeyPair("RS256");
    const forged = await new SignJWT(decodeJwt(idToken))
      .setProtectedHeader({ alg: "RS256", kid: String(decodeProtectedHeader(idToken).kid) })
      .sign(stranger.privateKey);
    await expect(client(forged).query(whoami, {})).rejects.toThrow(/Unauthenticated/);
  });
});
