// What `@clerk/testing`'s `clerk.signIn({ emailAddress })` needs: `users.getUserList({ emailAddress })`,
// `signInTokens.createSignInToken()` and the Frontend API's `ticket` strategy, first each through the real
// @clerk/backend client, then the helper itself in a real browser, its api.clerk.com calls routed here.
import { clerk, clerkSetup } from "@clerk/testing/playwright";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

import { PUBLISHABLE_KEY } from "../src/index";
import { routeClerkApiTo } from "../src/testing";
import type { AppOrigin } from "./browser";
import { clerkScripts, launchBrowser, serveApp } from "./browser";
import type { Envelope, SignInJson, TestServer } from "./support";
import { ALICE, expectClerkError, FapiBrowser, startTestServer } from "./support";

// A real browser on a shared 2-core machine: allow more than the API tests' 30 s.
vi.setConfig({ testTimeout: 90_000, hookTimeout: 90_000 });

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ assets: true });
});
afterAll(() => server.stop());

async function aliceId(): Promise<string> {
  const { data } = await server.bapi.users.getUserList({ emailAddress: [ALICE.email] });
  return data[0]?.id ?? "";
}

const ticketSignIn = (browser: FapiBrowser, ticket: string) =>
  browser.call<Envelope<SignInJson>>("POST", "/v1/client/sign_ins", { strategy: "ticket", ticket });

describe("listing users", () => {
  it("finds a user by email address (case-insensitive), with the total count", async () => {
    const { data, totalCount } = await server.bapi.users.getUserList({
      emailAddress: [ALICE.email.toUpperCase()],
    });
    expect(totalCount).toBe(1);
    expect(data.map((user) => user.primaryEmailAddress?.emailAddress)).toEqual([ALICE.email]);
  });

  it("finds nobody for an unknown email, and everyone without filters", async () => {
    const none = await server.bapi.users.getUserList({ emailAddress: ["nobody@example.com"] });
    expect(none).toEqual({ data: [], totalCount: 0 });
    const all = await server.bapi.users.getUserList({ orderBy: "+created_at" });
    expect(all.data.map((user) => user.primaryEmailAddress?.emailAddress)).toEqual([
      "alice@example.com",
      "bob@example.com",
    ]);
    const page = await server.bapi.users.getUserList({
      orderBy: "+created_at",
      limit: 1,
      offset: 1,
    });
    expect(page.data.map((user) => user.primaryEmailAddress?.emailAddress)).toEqual([
      "bob@example.com",
    ]);
    expect(page.totalCount).toBe(2);
  });

  it.each([
    ["limit=0", "limit"],
    ["limit=501", "limit"],
    ["limit=ten", "limit"],
    ["offset=-1", "offset"],
    ["order_by=password", "order_by"],
    ["order_by=constructor", "order_by"],
  ])("refuses %s with a 422 naming the parameter", async (query, param) => {
    const response = await fetch(`${server.clerk.url}/v1/users?${query}`, {
      headers: { authorization: `Bearer ${server.clerk.secretKey}` },
    });
    expectClerkError(
      { status: response.status, body: await response.json() },
      422,
      "form_param_value_invalid",
      param,
    );
  });

  it("needs the secret key", async () => {
    expect((await fetch(`${server.clerk.url}/v1/users?email_address=${ALICE.email}`)).status).toBe(
      401,
    );
    expect((await fetch(`${server.clerk.url}/v1/sign_in_tokens`, { method: "POST" })).status).toBe(
      401,
    );
  });
});

describe("sign-in tokens and the ticket strategy", () => {
  it("a ticket signs its user in once; a second use is refused", async () => {
    const userId = await aliceId();
    const token = await server.bapi.signInTokens.createSignInToken({
      userId,
      expiresInSeconds: 300,
    });
    expect(token).toMatchObject({ userId, status: "pending" });

    const browser = await FapiBrowser.open(server.clerk.url);
    const signedIn = await ticketSignIn(browser, token.token);
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.response.status).toBe("complete");
    const client = await browser.client();
    expect(client.sessions.map((session) => session.user.id)).toEqual([userId]);

    const again = await ticketSignIn(await FapiBrowser.open(server.clerk.url), token.token);
    expectClerkError(again, 400, "sign_in_token_already_used_code", "ticket");
  });

  it("refuses a revoked, an expired and an unknown ticket, creating no session", async () => {
    const userId = await aliceId();
    const revoked = await server.bapi.signInTokens.createSignInToken({
      userId,
      expiresInSeconds: 300,
    });
    await server.bapi.signInTokens.revokeSignInToken(revoked.id);
    const browser = await FapiBrowser.open(server.clerk.url);
    expectClerkError(
      await ticketSignIn(browser, revoked.token),
      400,
      "sign_in_token_revoked_code",
      "ticket",
    );

    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      const expiring = await server.bapi.signInTokens.createSignInToken({
        userId,
        expiresInSeconds: 1,
      });
      vi.setSystemTime(Date.now() + 2000);
      expectClerkError(
        await ticketSignIn(browser, expiring.token),
        400,
        "ticket_expired_code",
        "ticket",
      );
    } finally {
      vi.useRealTimers();
    }
    expectClerkError(
      await ticketSignIn(browser, "not-a-ticket"),
      400,
      "ticket_invalid_code",
      "ticket",
    );
    expectClerkError(await ticketSignIn(browser, ""), 422, "form_param_missing", "ticket");
    expect((await browser.client()).sessions).toEqual([]);
  });

  it.each([
    [{ expires_in_seconds: 300 }, 422, "user_id"],
    [{ user_id: "user_missing", expires_in_seconds: 300 }, 404, undefined],
    [{ user_id: "x", expires_in_seconds: 0 }, 422, "expires_in_seconds"],
    [{ user_id: "x", expires_in_seconds: 1.5 }, 422, "expires_in_seconds"],
    [{ user_id: "x", expires_in_seconds: "soon" }, 422, "expires_in_seconds"],
  ])("refuses %j", async (body, status, param) => {
    const response = await fetch(`${server.clerk.url}/v1/sign_in_tokens`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${server.clerk.secretKey}`,
        "content-type": "application/json",
      },
      body: JSON.stringify(body),
    });
    const json = (await response.json()) as { errors: { meta: { param_name?: string } }[] };
    expect(response.status).toBe(status);
    expect(json.errors[0]?.meta.param_name).toBe(param);
  });
});

/** The env a Playwright suite has (vitest restores env after each test, so each test sets it). */
function testingEnv() {
  vi.stubEnv("CLERK_SECRET_KEY", server.clerk.secretKey);
  vi.stubEnv("CLERK_API_URL", server.clerk.url);
}

describe("@clerk/testing's clerk.signIn({ emailAddress })", () => {
  let browser: Browser;
  let app: AppOrigin;
  let restore: () => void;

  beforeAll(async () => {
    browser = await launchBrowser();
    app = await serveApp(`<!doctype html><body>${clerkScripts(server.clerk.url, "6", "1")}
      <script>window.addEventListener("load", () =>
        window.Clerk.load({ ui: { ClerkUI: window.__internal_ClerkUICtor } }));</script></body>`);
    restore = routeClerkApiTo(server.clerk.url);
    testingEnv();
    await clerkSetup({ publishableKey: PUBLISHABLE_KEY, dotenv: false });
  });
  afterAll(async () => {
    restore();
    await app.stop();
    await browser.close();
  });

  it("signs the user in through a sign-in token and the ticket strategy", async () => {
    testingEnv();
    const page = await browser.newPage();
    await page.goto(app.url);
    await clerk.signIn({ page, emailAddress: ALICE.email });
    const userId = await page.evaluate(() => window.Clerk.user?.id);
    expect(userId).toBe(await aliceId());
    await page.close();
  });

  it("reports an unknown email as the helper's own error", async () => {
    testingEnv();
    const page = await browser.newPage();
    await page.goto(app.url);
    await expect(clerk.signIn({ page, emailAddress: "nobody@example.com" })).rejects.toThrow(
      "No user found with email: nobody@example.com",
    );
    await page.close();
  });
});
