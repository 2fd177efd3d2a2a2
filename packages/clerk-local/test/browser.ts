// Real-browser test support: Debian's Chromium through playwright-core (as the e2e suite drives it), and a bare
// "app" origin serving one HTML page, so clerk-js runs exactly as it would in an app nobody here wrote.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

import { CHROMIUM_ARGS, chromiumPath } from "@repo/chromium";
import type { Browser, Page } from "playwright-core";
import { chromium } from "playwright-core";

import { PUBLISHABLE_KEY } from "../src/index";
// `window.Clerk`, typed as @clerk/testing declares it (the loaded clerk-js instance).
import type {} from "@clerk/testing/playwright";

declare global {
  interface Window {
    /** What @clerk/ui's browser bundle defines, handed to `Clerk.load({ ui: { ClerkUI } })`. */
    __internal_ClerkUICtor?: never;
  }
}

export async function launchBrowser(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath, args: [...CHROMIUM_ARGS, ...extraArgs] });
}

export interface AppOrigin {
  url: string;
  stop(): Promise<void>;
}

/** An app on its own loopback origin that answers every GET with `html`. */
export async function serveApp(html: string): Promise<AppOrigin> {
  const server = createServer((_request, response) => {
    response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    response.end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * The script tags an unmodified app renders in direct mode: clerk-js (and @clerk/ui for Core 3) from the emulator,
 * the Frontend API at its absolute URL. `clerkJs` is the version specifier the SDK would put in the URL.
 */
export function clerkScripts(clerkUrl: string, clerkJs: string, ui: string | null): string {
  const uiTag =
    ui === null ? "" : `<script src="${clerkUrl}/npm/@clerk/ui@${ui}/dist/ui.browser.js"></script>`;
  return `${uiTag}<script src="${clerkUrl}/npm/@clerk/clerk-js@${clerkJs}/dist/clerk.browser.js"
    data-clerk-publishable-key="${PUBLISHABLE_KEY}" data-clerk-proxy-url="${clerkUrl}"></script>`;
}

/** Collects the page's uncaught errors and console errors, for assertions that nothing went wrong. */
export function pageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  return errors;
}
