// The hosted sign-in / sign-up pages: an app in direct mode (absolute Frontend API URL, scripts from the emulator)
// that renders no <SignIn/> of its own is sent there by `redirectToSignIn()` (what a redirect-mode <SignInButton/>
// calls) and comes back signed in, in its own client. Before, `sign_in_url` was empty and the redirect went to `/#/`.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

import type { AppOrigin } from "./browser";
import { clerkScripts, launchBrowser, serveApp } from "./browser";
import type { TestServer } from "./support";
import { ALICE, FapiBrowser, startTestServer } from "./support";

// A real browser on a shared 2-core machine: allow more than the API tests' 30 s.
vi.setConfig({ testTimeout: 90_000, hookTimeout: 90_000 });

let server: TestServer;
let browser: Browser;
let app: AppOrigin;

beforeAll(async () => {
  server = await startTestServer({ assets: true });
  browser = await launchBrowser();
  // A bare app: loads Clerk on every page and has no sign-in page of its own.
  app = await serveApp(`<!doctype html><body>${clerkScripts(server.clerk.url, "6", "1")}
    <script>window.addEventListener("load", () =>
      window.Clerk.load({ ui: { ClerkUI: window.__internal_ClerkUICtor } }));</script></body>`);
});
afterAll(async () => {
  await app.stop();
  await browser.close();
  await server.stop();
});

async function openApp(): Promise<Page> {
  const page = await browser.newPage();
  await page.goto(`${app.url}/dashboard`);
  await page.waitForFunction(() => "Clerk" in window && window.Clerk.loaded);
  return page;
}

describe("hosted pages", () => {
  it("names them in the environment's display_config", async () => {
    const fapi = await FapiBrowser.open(server.clerk.url);
    const { body } = await fapi.call<{ display_config: Record<string, string> }>(
      "GET",
      "/v1/environment",
    );
    expect(body.display_config.sign_in_url).toBe(`${server.clerk.url}/sign-in`);
    expect(body.display_config.sign_up_url).toBe(`${server.clerk.url}/sign-up`);
  });

  it("redirectToSignIn() goes to the hosted <SignIn/> and back to the app, signed in", async () => {
    const page = await openApp();
    const cookies = await page.context().cookies(app.url);
    const devBrowser = cookies.find((cookie) => cookie.name.startsWith("__clerk_db_jwt"))?.value;
    expect(devBrowser).toMatch(/^dvb_/);
    await page.evaluate(() => void window.Clerk.redirectToSignIn());
    await page.waitForURL((url) => url.href.startsWith(`${server.clerk.url}/sign-in`));
    // Account Portal style: the return address travels in the hash, read by <SignIn/> itself.
    const hash = new URLSearchParams(new URL(page.url()).hash.replace(/^#\/?\??/, ""));
    expect(hash.get("redirect_url")).toBe(`${app.url}/dashboard`);

    await page.getByLabel("Email address").fill(ALICE.email);
    await page.getByRole("button", { name: "Continue", exact: true }).click();
    await page.getByLabel("Password", { exact: true }).fill(ALICE.password);
    await page.getByRole("button", { name: "Continue", exact: true }).click();

    await page.waitForURL((url) => url.href.startsWith(`${app.url}/dashboard`));
    await page.waitForFunction(
      () => "Clerk" in window && window.Clerk.loaded && window.Clerk.user !== null,
    );
    // The session is in the app's own client (its dev browser travelled there and back).
    const client = await FapiBrowser.resume(server.clerk.url, devBrowser ?? "").client();
    expect(client.sessions).toHaveLength(1);
    expect(client.sessions[0]?.user.email_addresses[0]?.email_address).toBe(ALICE.email);
    await page.close();
  });

  it("the hosted <SignUp/> creates the account and returns to the app", async () => {
    const page = await browser.newPage();
    const email = `hosted-${Date.now()}@example.com`;
    await page.goto(
      `${server.clerk.url}/sign-up?${new URLSearchParams({ redirect_url: `${app.url}/welcome` })}`,
    );
    await page.getByLabel("Email address").fill(email);
    await page.getByLabel("Password", { exact: true }).fill("a-long-enough-password");
    await page.getByRole("button", { name: "Continue", exact: true }).click();
    await page.waitForURL((url) => url.href.startsWith(`${app.url}/welcome`));
    const fapi = await FapiBrowser.open(server.clerk.url);
    expect((await fapi.signIn(email, "a-long-enough-password")).sessionId).toMatch(/^sess_/);
    await page.close();
  });

  it("returns only to loopback apps: a foreign redirect_url is not followed", async () => {
    const page = await browser.newPage();
    const foreign: string[] = [];
    page.on("request", (request) => {
      if (request.url().startsWith("https://evil.example")) foreign.push(request.url());
    });
    await page.goto(
      `${server.clerk.url}/sign-in?${new URLSearchParams({ redirect_url: "https://evil.example/steal" })}`,
    );
    await page.getByLabel("Email address").fill(ALICE.email);
    await page.getByRole("button", { name: "Continue", exact: true }).click();
    await page.getByLabel("Password", { exact: true }).fill(ALICE.password);
    await page.getByRole("button", { name: "Continue", exact: true }).click();
    await page.waitForURL((url) => !url.pathname.startsWith("/sign-in"));
    expect(new URL(page.url()).origin).toBe(server.clerk.url);
    expect(foreign).toEqual([]);
    await page.close();
  });

  it("is not framed by other sites, and is GET only", async () => {
    const response = await fetch(`${server.clerk.url}/sign-in`);
    expect(response.headers.get("x-frame-options")).toBe("DENY");
    expect(await response.text()).toContain("mountSignIn");
    expect((await fetch(`${server.clerk.url}/sign-in`, { method: "POST" })).status).toBe(404);
  });
});
