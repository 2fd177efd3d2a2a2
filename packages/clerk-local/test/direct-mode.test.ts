// Direct mode: an app whose middleware proxies nothing reaches clerk-local by env alone. The script URLs come from
// @clerk/shared's own clerkJSScriptUrl / clerkUIScriptUrl (what the SDKs render) fed with clerkDirectAppEnv, over
// plain HTTP (explicit script URLs) and over the HTTPS listener (an absolute https proxy URL alone: the SDKs load
// scripts from `https://<proxy host>` whatever its scheme). The HTTPS certificate is trusted by Debian's Chromium
// through its SPKI hash, as the e2e browser would be, and refused without it.
import { X509Certificate } from "node:crypto";
import { statSync } from "node:fs";
import { get } from "node:https";
import { join } from "node:path";

import { clerkJSScriptUrl, clerkUIScriptUrl } from "@clerk/shared/loadClerkJsScript";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

import { clerkDirectAppEnv, startClerkLocal } from "../src/index";
import type { AppOrigin } from "./browser";
import { launchBrowser, serveApp } from "./browser";
import type { TestServer } from "./support";
import { ALICE, makeDataDir, startTestServer } from "./support";

// A real browser on a shared 2-core machine: allow more than the API tests' 30 s.
vi.setConfig({ testTimeout: 90_000, hookTimeout: 90_000 });

let server: TestServer;
let https: { url: string; spkiHash: string; cert: string };

beforeAll(async () => {
  server = await startTestServer({ assets: true, httpsPort: 0 });
  if (server.clerk.https === null) throw new Error("no HTTPS listener");
  https = server.clerk.https;
});
afterAll(() => server.stop());

/** The page an SDK renders for this env: @clerk/ui, then clerk-js, then load (as @clerk/react does). */
function appHtml(env: Record<string, string>): string {
  const options = {
    publishableKey: env.NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY ?? "",
    proxyUrl: env.NEXT_PUBLIC_CLERK_PROXY_URL,
    __internal_clerkJSUrl: env.NEXT_PUBLIC_CLERK_JS_URL,
    __internal_clerkUIUrl: env.NEXT_PUBLIC_CLERK_UI_URL,
  };
  return `<!doctype html><body>
    <script src="${clerkUIScriptUrl(options)}"></script>
    <script src="${clerkJSScriptUrl(options)}" data-clerk-publishable-key="${options.publishableKey}"
      data-clerk-proxy-url="${options.proxyUrl ?? ""}"></script>
    <script>window.addEventListener("load", () =>
      window.Clerk.load({ ui: { ClerkUI: window.__internal_ClerkUICtor } }));</script></body>`;
}

async function signInOnApp(browser: Browser, app: AppOrigin): Promise<string | undefined> {
  const page = await browser.newPage();
  try {
    await page.goto(app.url);
    await page.waitForFunction(() => "Clerk" in window && window.Clerk.loaded);
    return await page.evaluate(async ({ email, password }) => {
      const clerk = window.Clerk;
      const signIn = await clerk.client?.signIn.create({
        strategy: "password",
        identifier: email,
        password,
      });
      await clerk.setActive({ session: signIn?.createdSessionId ?? null });
      return clerk.user?.id;
    }, ALICE);
  } finally {
    await page.close();
  }
}

describe("the HTTPS listener", () => {
  it("answers with its self-signed certificate for 127.0.0.1, localhost and the Frontend API host", async () => {
    const status = await new Promise<number | undefined>((resolve, reject) => {
      get(`${https.url}/health`, { ca: https.cert }, (response) => {
        response.resume();
        resolve(response.statusCode);
      }).on("error", reject);
    });
    expect(status).toBe(200);
    const names = new X509Certificate(https.cert).subjectAltName ?? "";
    expect(names).toContain("IP Address:127.0.0.1");
    expect(names).toContain("DNS:localhost");
    expect(names).toContain("DNS:offline-emulator-00.clerk.accounts.dev");
  });

  it("keeps its certificate (mode 0600) across restarts, so a trusted hash stays valid", async () => {
    const dataDir = makeDataDir();
    const first = await startClerkLocal({ port: 0, httpsPort: 0, dataDir, assets: false });
    await first.stop();
    const second = await startClerkLocal({ port: 0, httpsPort: 0, dataDir, assets: false });
    await second.stop();
    expect(second.https?.spkiHash).toBe(first.https?.spkiHash);
    expect(statSync(join(dataDir, "https-cert.json")).mode & 0o777).toBe(0o600);
  });

  it("is off unless asked for", async () => {
    const plain = await startTestServer();
    try {
      expect(plain.clerk.https).toBeNull();
    } finally {
      await plain.stop();
    }
  });
});

describe("an unmodified app in direct mode", () => {
  it("over HTTP: absolute proxy URL + NEXT_PUBLIC_CLERK_JS_URL / _UI_URL", async () => {
    const env = clerkDirectAppEnv({ url: server.clerk.url, dataDir: server.dataDir });
    expect(env.NEXT_PUBLIC_CLERK_PROXY_URL).toBe(server.clerk.url);
    const app = await serveApp(appHtml(env));
    const browser = await launchBrowser();
    try {
      expect(await signInOnApp(browser, app)).toMatch(/^user_/);
    } finally {
      await browser.close();
      await app.stop();
    }
  });

  it("a Core 2 app (@clerk/nextjs 5-6) over HTTP: clerk-js 5 and no @clerk/ui", async () => {
    const env = clerkDirectAppEnv({ url: server.clerk.url, dataDir: server.dataDir, sdk: "core2" });
    expect(env.NEXT_PUBLIC_CLERK_JS_URL).toMatch(
      /\/npm\/@clerk\/clerk-js@5\.\d+\.\d+\/dist\/clerk\.browser\.js$/,
    );
    expect(env.NEXT_PUBLIC_CLERK_UI_URL).toBeUndefined();
    // What a Core 2 SDK renders: clerk-js alone (its UI is built in), loaded without a ClerkUI constructor.
    const app = await serveApp(`<!doctype html><body>
      <script src="${env.NEXT_PUBLIC_CLERK_JS_URL}" data-clerk-publishable-key="${env.NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY}"
        data-clerk-proxy-url="${env.NEXT_PUBLIC_CLERK_PROXY_URL}"></script>
      <script>window.addEventListener("load", () => window.Clerk.load());</script></body>`);
    const browser = await launchBrowser();
    try {
      expect(await signInOnApp(browser, app)).toMatch(/^user_/);
    } finally {
      await browser.close();
      await app.stop();
    }
  });

  it("over HTTPS: the proxy URL alone, in a browser that trusts the certificate's SPKI hash", async () => {
    const env = clerkDirectAppEnv({
      url: server.clerk.url,
      dataDir: server.dataDir,
      httpsUrl: https.url,
    });
    expect(env.NEXT_PUBLIC_CLERK_JS_URL).toBeUndefined();
    const app = await serveApp(appHtml(env));
    const trusting = await launchBrowser([
      `--ignore-certificate-errors-spki-list=${https.spkiHash}`,
    ]);
    const untrusting = await launchBrowser();
    try {
      expect(await signInOnApp(trusting, app)).toMatch(/^user_/);
      // Without the hash the certificate is refused: clerk-js never loads.
      const page = await untrusting.newPage();
      await page.goto(app.url);
      await page.waitForLoadState("load");
      expect(await page.evaluate(() => "Clerk" in window)).toBe(false);
    } finally {
      await trusting.close();
      await untrusting.close();
      await app.stop();
    }
  });
});
