import { defineConfig, devices } from "@playwright/test";
import { CHROMIUM_ARGS, chromiumPath } from "@repo/chromium";

import { env } from "./env";
import type { RouterOptions } from "./fixtures/test";

export default defineConfig<RouterOptions>({
  testDir: "./specs",
  globalSetup: "./global-setup.ts",
  // Two builds and two `next start`s happen in global setup; tests themselves are short.
  globalTimeout: 15 * 60_000,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: true,
  // A 2-core machine runs four servers besides the browsers.
  workers: 2,
  retries: env.isCi ? 1 : 0,
  forbidOnly: env.isCi,
  reporter: [["list"], ["html", { open: "never" }]],
  use: {
    ...devices["Desktop Chrome"],
    launchOptions: { executablePath: chromiumPath, args: CHROMIUM_ARGS },
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    {
      name: "setup",
      testMatch: /.*\.setup\.ts/,
      use: { baseURL: env.appRouterUrl },
    },
    {
      name: "app-router",
      testMatch: /.*\.spec\.ts/,
      dependencies: ["setup"],
      use: {
        baseURL: env.appRouterUrl,
        router: "app",
        otherAppUrl: env.pagesRouterUrl,
      },
    },
    {
      name: "pages-router",
      testMatch: /.*\.spec\.ts/,
      dependencies: ["setup"],
      use: {
        baseURL: env.pagesRouterUrl,
        router: "pages",
        otherAppUrl: env.appRouterUrl,
      },
    },
  ],
});
