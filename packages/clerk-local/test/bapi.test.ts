// The Backend API routes the server SDKs call, driven through the real @clerk/backend client; every route but
// the (public) JWKS needs the secret key.
import { createClerkClient, verifyToken } from "@clerk/backend";
import { SEEDED_USERS } from "@repo/local-server/seeded-users";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { PUBLISHABLE_KEY } from "../src/index";
import type { TestServer } from "./support";
import { ALICE, decodeHeader, expectClerkError, FapiBrowser, startTestServer } from "./support";

let server: TestServer;
let sessionId: string;
let userId: string;

beforeAll(async () => {
  server = await startTestServer({ convexIntegration: "template" });
  ({ sessionId, userId } = await (
    await FapiBrowser.open(server.clerk.url)
  ).signIn(ALICE.email, ALICE.password));
});
afterAll(() => server.stop());

/** Every Backend API route the server implements, with a body where one is needed. */
const protectedRoutes = () => [
  { method: "GET", path: `/v1/users/${userId}` },
  {
    method: "POST",
    path: "/v1/users",
    body: { email_address: ["x@example.com"], password: "x-password" },
  },
  { method: "POST", path: `/v1/sessions/${sessionId}/tokens` },
  { method: "POST", path: `/v1/sessions/${sessionId}/tokens/convex` },
  { method: "POST", path: "/v1/testing_tokens" },
  { method: "GET", path: "/v1/clients/handshake_payload?nonce=x" },
];

async function callRaw(
  route: { method: string; path: string; body?: unknown },
  authorization?: string,
) {
  const response = await fetch(`${server.clerk.url}${route.path}`, {
    method: route.method,
    headers: {
      "content-type": "application/json",
      ...(authorization === undefined ? {} : { authorization }),
    },
    body: route.body === undefined ? undefined : JSON.stringify(route.body),
  });
  return { status: response.status, body: (await response.json()) as unknown };
}

describe("authorization", () => {
  it("accepts the secret key as a Bearer credential, the scheme matched case-insensitively (RFC 9110)", async () => {
    for (const scheme of ["Bearer", "bearer", "BEARER"]) {
      const response = await callRaw(
        { method: "GET", path: `/v1/users/${userId}` },
        `${scheme} ${server.clerk.secretKey}`,
      );
      expect(response.status).toBe(200);
    }
  });

  it("refuses every route without the secret key, with a wrong one, or with the publishable key", async () => {
    for (const route of protectedRoutes()) {
      for (const authorization of [
        undefined,
        "Bearer sk_test_wrong",
        `Bearer ${server.clerk.secretKey}x`,
        `Bearer ${PUBLISHABLE_KEY}`,
        "Bearer ",
        // The right key, but not as a Bearer credential (RFC 6750), which Clerk requires.
        server.clerk.secretKey,
        `Basic ${server.clerk.secretKey}`,
        `Token ${server.clerk.secretKey}`,
        `Bearer${server.clerk.secretKey}`,
      ]) {
        expectClerkError(await callRaw(route, authorization), 401, "authentication_invalid");
      }
    }
    // Nothing was created by the refused POST /v1/users.
    const signIn = await (
      await FapiBrowser.open(server.clerk.url)
    ).call("POST", "/v1/client/sign_ins", { identifier: "x@example.com" });
    expectClerkError(signIn, 422, "form_identifier_not_found", "identifier");
  });

  it("surfaces a wrong secret key to the SDK as a 401", async () => {
    const wrong = createClerkClient({
      secretKey: "sk_test_wrong",
      apiUrl: server.clerk.url,
      telemetry: { disabled: true },
    });
    await expect(wrong.users.getUser(userId)).rejects.toMatchObject({ status: 401 });
    await expect(wrong.sessions.getToken(sessionId, "convex")).rejects.toMatchObject({
      status: 401,
    });
  });
});

describe("routes", () => {
  it("serves the JWKS the SDK uses to verify tokens (GET /v1/jwks)", async () => {
    const jwks = await server.bapi.jwks.getJwks();
    const { jwt } = await server.bapi.sessions.getToken(sessionId);
    expect(jwks.keys?.map((key) => key.kid)).toEqual([decodeHeader(jwt).kid]);
    expect(jwks.keys?.[0]).toMatchObject({ kty: "RSA", alg: "RS256", use: "sig" });
    // Same key as the OIDC JWKS Convex reads.
    const oidc = (await (await fetch(`${server.clerk.url}/.well-known/jwks.json`)).json()) as {
      keys: unknown[];
    };
    expect(oidc.keys).toEqual(jwks.keys);
  });

  it("mints the convex token for a session (POST /v1/sessions/{sid}/tokens/convex)", async () => {
    const { jwt } = await server.bapi.sessions.getToken(sessionId, "convex");
    const payload = await verifyToken(jwt, {
      jwtKey: server.jwtKey,
      audience: "convex",
      issuer: server.clerk.issuer,
    });
    expect(payload).toMatchObject({ sub: userId, sid: sessionId, email: ALICE.email });
  });

  it("mints a session token for a session (POST /v1/sessions/{sid}/tokens)", async () => {
    const { jwt } = await server.bapi.sessions.getToken(sessionId);
    await expect(verifyToken(jwt, { jwtKey: server.jwtKey })).resolves.toMatchObject({
      sub: userId,
      sid: sessionId,
    });
  });

  it("answers 404 for unknown sessions, users and templates", async () => {
    await expect(server.bapi.sessions.getToken("sess_unknown", "convex")).rejects.toMatchObject({
      status: 404,
    });
    await expect(server.bapi.users.getUser("user_unknown")).rejects.toMatchObject({
      status: 404,
    });
    const error = await server.bapi.sessions.getToken(sessionId, "hasura").then(
      () => null,
      // The SDK's ClerkAPIResponseError, as far as this test reads it.
      (caught: unknown) => caught as { status: number; errors: { code: string }[] },
    );
    expect(error?.status).toBe(404);
    expect(error?.errors[0]?.code).toBe("resource_not_found");
  });

  it("returns the user currentUser() reads (GET /v1/users/{id})", async () => {
    const user = await server.bapi.users.getUser(userId);
    const alice = SEEDED_USERS[0];
    expect(user).toMatchObject({
      id: userId,
      firstName: alice.firstName,
      lastName: alice.lastName,
      fullName: `${alice.firstName} ${alice.lastName}`,
      passwordEnabled: true,
    });
    expect(user.primaryEmailAddress?.emailAddress).toBe(ALICE.email);
    expect(user.lastSignInAt).toEqual(expect.any(Number));
  });

  it("creates test users who can then sign in (POST /v1/users)", async () => {
    const created = await server.bapi.users.createUser({
      emailAddress: ["Tester@Example.com"],
      password: "tester-password",
      firstName: "Tess",
      lastName: "Ter",
    });
    expect(created.primaryEmailAddress?.emailAddress).toBe("tester@example.com");
    const signedIn = await (
      await FapiBrowser.open(server.clerk.url)
    ).signIn("tester@example.com", "tester-password");
    expect(signedIn.userId).toBe(created.id);
  });

  it("refuses duplicate, short-password and malformed test users", async () => {
    const cases = [
      {
        body: { email_address: [ALICE.email], password: "long-enough" },
        code: "form_identifier_exists",
        param: "email_address",
      },
      {
        body: { email_address: ["new@example.com"], password: "short" },
        code: "form_password_length_too_short",
        param: "password",
      },
      {
        body: { email_address: ["nope"], password: "long-enough" },
        code: "form_param_format_invalid",
        param: "email_address",
      },
      {
        body: { password: "long-enough" },
        code: "form_param_format_invalid",
        param: "email_address",
      },
    ];
    for (const { body, code, param } of cases) {
      const response = await callRaw(
        { method: "POST", path: "/v1/users", body },
        `Bearer ${server.clerk.secretKey}`,
      );
      expectClerkError(response, 422, code, param);
    }
    const signIn = await (
      await FapiBrowser.open(server.clerk.url)
    ).call("POST", "/v1/client/sign_ins", { identifier: "new@example.com" });
    expectClerkError(signIn, 422, "form_identifier_not_found", "identifier");
  });

  it("issues testing tokens for @clerk/testing (POST /v1/testing_tokens)", async () => {
    // @clerk/testing's clerkSetup() reads `.token` from exactly this call.
    const token = await server.bapi.testingTokens.createTestingToken();
    expect(token.token).toMatch(/^offline_[0-9a-f]{32}$/);
    const raw = await callRaw(
      { method: "POST", path: "/v1/testing_tokens" },
      `Bearer ${server.clerk.secretKey}`,
    );
    expect(raw.status).toBe(200);
    const { object, expires_at } = raw.body as { object: string; expires_at: number };
    expect(object).toBe("testing_token");
    expect(expires_at * 1000).toBeGreaterThan(Date.now());
  });
});
