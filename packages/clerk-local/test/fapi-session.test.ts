// What clerk-js does with a session once signed in (touch, tokens, sign-out) and the handshake the server SDK
// redirects to; a session belongs to its client, and ended or expired sessions mint nothing.
import { verifyToken } from "@clerk/backend";
import { generateKeyPair, importSPKI, jwtVerify, SignJWT } from "jose";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";

import { PUBLISHABLE_KEY, SESSION_ISSUER } from "../src/index";
import type { ClientJson, Envelope, SessionJson, TestServer } from "./support";
import {
  ALICE,
  decodeHeader,
  decodePayload,
  expectClerkError,
  FapiBrowser,
  startTestServer,
} from "./support";

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ convexIntegration: "template" });
});
afterAll(() => server.stop());
afterEach(() => {
  vi.useRealTimers();
});

const open = () => FapiBrowser.open(server.clerk.url);
const APP = "http://127.0.0.1:3999/dashboard";

async function handshake(browser: FapiBrowser | null, format: "token" | "nonce") {
  const query = { redirect_url: APP, format };
  const url =
    browser === null
      ? `${server.clerk.url}/v1/client/handshake?${new URLSearchParams(query)}`
      : browser.url("/v1/client/handshake", query);
  const response = await fetch(url, { redirect: "manual" });
  expect(response.status).toBe(307);
  return new URL(response.headers.get("location") ?? "");
}

/** The cookies a handshake JWT carries, after checking its signature against the instance's public key. */
async function handshakeCookies(location: URL): Promise<string[]> {
  const jwt = location.searchParams.get("__clerk_handshake") ?? "";
  // Handshake JWTs have no `sub`, so verifyToken (session tokens) does not apply; the SDK checks the signature
  // only, which is what jose does here. authenticateRequest below is the SDK's own check.
  const { payload } = await jwtVerify<{ handshake: string[] }>(
    jwt,
    await importSPKI(server.jwtKey, "RS256"),
    { algorithms: ["RS256"] },
  );
  return payload.handshake;
}

function documentRequest(location: URL): Request {
  return new Request(location, { headers: { accept: "text/html", "sec-fetch-dest": "document" } });
}

describe("an active session", () => {
  it("is touched (setActive) and answers with a fresh token", async () => {
    const browser = await open();
    const { sessionId, userId } = await browser.signIn(ALICE.email, ALICE.password);
    const { status, body } = await browser.call<Envelope<SessionJson>>(
      "POST",
      `/v1/client/sessions/${sessionId}/touch`,
    );
    expect(status).toBe(200);
    expect(body.response).toMatchObject({ object: "session", id: sessionId, status: "active" });
    expect(body.client?.last_active_session_id).toBe(sessionId);
    const payload = await verifyToken(body.response.last_active_token?.jwt ?? "", {
      jwtKey: server.jwtKey,
    });
    expect(payload).toMatchObject({ sid: sessionId, sub: userId });
  });

  it("mints bare { object, jwt } session and convex tokens", async () => {
    const browser = await open();
    const { sessionId } = await browser.signIn(ALICE.email, ALICE.password);
    const session = await browser.token(sessionId);
    expect(session.status).toBe(200);
    expect(session.body).toEqual({ object: "token", jwt: expect.any(String) as unknown });
    expect(decodePayload(session.body.jwt)).toMatchObject({ iss: SESSION_ISSUER, sid: sessionId });
    const convex = await browser.token(sessionId, "convex");
    expect(convex.status).toBe(200);
    expect(decodePayload(convex.body.jwt)).toMatchObject({
      iss: server.clerk.issuer,
      aud: "convex",
      sid: sessionId,
    });
  });

  it("has no other JWT templates", async () => {
    const browser = await open();
    const { sessionId } = await browser.signIn(ALICE.email, ALICE.password);
    expectClerkError(await browser.token(sessionId, "supabase"), 404, "resource_not_found");
  });

  it("belongs to its client: another dev browser cannot touch it or mint its tokens", async () => {
    const owner = await open();
    const { sessionId } = await owner.signIn(ALICE.email, ALICE.password);
    const other = await open();
    expectClerkError(await other.token(sessionId), 404, "resource_not_found");
    expectClerkError(await other.token(sessionId, "convex"), 404, "resource_not_found");
    expectClerkError(
      await other.call("POST", `/v1/client/sessions/${sessionId}/touch`),
      404,
      "resource_not_found",
    );
    expect((await owner.token(sessionId)).status).toBe(200);
  });

  it("stops minting once the session's lifetime (7 days) is over", async () => {
    const browser = await open();
    const { sessionId } = await browser.signIn(ALICE.email, ALICE.password);
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + 8 * 24 * 3600 * 1000 });
    expectClerkError(await browser.token(sessionId), 404, "resource_not_found");
    expect((await browser.client()).sessions).toEqual([]);
  });
});

describe("sign-out", () => {
  it("ends the client's sessions (DELETE /v1/client/sessions), after which no token is minted", async () => {
    const browser = await open();
    const { sessionId } = await browser.signIn(ALICE.email, ALICE.password);
    const { status, body } = await browser.call<Envelope<ClientJson>>(
      "DELETE",
      "/v1/client/sessions",
    );
    expect(status).toBe(200);
    expect(body.response).toMatchObject({
      object: "client",
      sessions: [],
      last_active_session_id: null,
    });
    expectClerkError(await browser.token(sessionId), 404, "resource_not_found");
    expectClerkError(await browser.token(sessionId, "convex"), 404, "resource_not_found");
    expectClerkError(
      await browser.call("POST", `/v1/client/sessions/${sessionId}/touch`),
      404,
      "resource_not_found",
    );
    // Nor through the Backend API, which server-side getToken({ template: "convex" }) uses.
    await expect(server.bapi.sessions.getToken(sessionId, "convex")).rejects.toMatchObject({
      status: 404,
    });
  });
});

describe("handshake", () => {
  it("redirects with a handshake JWT (format=token) that verifies and carries the session cookie", async () => {
    const browser = await open();
    const { sessionId, userId } = await browser.signIn(ALICE.email, ALICE.password);
    const location = await handshake(browser, "token");
    expect(location.origin + location.pathname).toBe(APP);
    const cookies = await handshakeCookies(location);
    const sessionCookie = cookies.find((cookie) => cookie.startsWith("__session="));
    const sessionJwt = /^__session=([^;]+)/.exec(sessionCookie ?? "")?.[1] ?? "";
    await expect(verifyToken(sessionJwt, { jwtKey: server.jwtKey })).resolves.toMatchObject({
      sid: sessionId,
      sub: userId,
    });
    expect(cookies).toContainEqual(
      expect.stringMatching(new RegExp(`^__clerk_db_jwt=${browser.devBrowser};`)),
    );
  });

  it("is resolved by the real SDK's authenticateRequest into a signed-in state", async () => {
    const browser = await open();
    const { userId } = await browser.signIn(ALICE.email, ALICE.password);
    const location = await handshake(browser, "token");
    const state = await server.bapi.authenticateRequest(documentRequest(location), {
      jwtKey: server.jwtKey,
      publishableKey: PUBLISHABLE_KEY,
    });
    expect(state.isSignedIn).toBe(true);
    expect(state.toAuth()).toMatchObject({ userId });
  });

  it("is refused by the SDK when re-signed with another key", async () => {
    const browser = await open();
    await browser.signIn(ALICE.email, ALICE.password);
    const location = await handshake(browser, "token");
    const real = location.searchParams.get("__clerk_handshake") ?? "";
    const stranger = await generateKeyPair("RS256");
    const forged = await new SignJWT(decodePayload(real))
      .setProtectedHeader({ alg: "RS256", typ: "JWT", kid: String(decodeHeader(real).kid) })
      .sign(stranger.privateKey);
    location.searchParams.set("__clerk_handshake", forged);
    const outcome = await server.bapi
      .authenticateRequest(documentRequest(location), {
        jwtKey: server.jwtKey,
        publishableKey: PUBLISHABLE_KEY,
      })
      .then(
        (state) => (state.isSignedIn ? "signed-in" : "signed-out"),
        (error: unknown) => (error instanceof Error ? error.message : String(error)),
      );
    // With a development key the SDK throws on a bad handshake signature instead of signing anyone in.
    expect(outcome).toMatch(/Handshake token verification failed due to an invalid signature/);
  });

  it("clears the session cookie for a signed-out client", async () => {
    const cookies = await handshakeCookies(await handshake(null, "token"));
    expect(cookies).toContainEqual(expect.stringMatching(/^__session=;.*Max-Age=0/));
    expect(cookies).toContainEqual(expect.stringMatching(/^__client_uat=0;/));
  });

  it("hands out a one-time nonce (format=nonce) that only the secret key can redeem", async () => {
    const browser = await open();
    await browser.signIn(ALICE.email, ALICE.password);
    const location = await handshake(browser, "nonce");
    const nonce = location.searchParams.get("__clerk_handshake_nonce") ?? "";
    expect(nonce).not.toBe("");
    const path = `${server.clerk.url}/v1/clients/handshake_payload?nonce=${nonce}`;
    expect((await fetch(path)).status).toBe(401);
    const auth = { headers: { authorization: `Bearer ${server.clerk.secretKey}` } };
    const redeemed = await fetch(path, auth);
    expect(redeemed.status).toBe(200);
    const { directives } = (await redeemed.json()) as { directives: string[] };
    expect(directives).toContainEqual(expect.stringMatching(/^__session=ey/));
    expect((await fetch(path, auth)).status).toBe(404);
  });

  it("requires an absolute redirect_url", async () => {
    const browser = await open();
    const response = await fetch(browser.url("/v1/client/handshake", { redirect_url: "/x" }), {
      redirect: "manual",
    });
    expectClerkError(
      { status: response.status, body: await response.json() },
      400,
      "form_param_missing",
      "redirect_url",
    );
  });

  it.each([
    "https://evil.example/steal",
    "http://10.0.0.5:3000/",
    "http://localhost.evil.example/",
  ])("never sends the session to another host (%s)", async (target) => {
    const browser = await open();
    await browser.signIn(ALICE.email, ALICE.password);
    const response = await fetch(
      browser.url("/v1/client/handshake", { redirect_url: target, format: "token" }),
      { redirect: "manual" },
    );
    expect(response.headers.get("location")).toBeNull();
    expectClerkError(
      { status: response.status, body: await response.json() },
      400,
      "form_param_value_invalid",
      "redirect_url",
    );
  });
});
