// Starts everything the specs need and returns the teardown that stops it all (Playwright calls it even on failure).
// Offline: a wiped data folder, the local Convex + Clerk servers, then both apps built for production and started.
// Hosted: only the apps, pointed at the hosted deployment by the env; @clerk/testing fetches a testing token.
import { clerkSetup } from "@clerk/testing/playwright";

import { env } from "./env";
import { startLocalStack } from "./servers/local-stack";
import type { NextApp } from "./servers/next-app";
import { buildApp, startApp } from "./servers/next-app";

const APPS: (NextApp & { url: string })[] = [
  { name: "app-router", port: env.ports.appRouter, url: env.appRouterUrl },
  { name: "pages-router", port: env.ports.pagesRouter, url: env.pagesRouterUrl },
];

export default async function globalSetup(): Promise<() => Promise<void>> {
  const stoppers: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    await Promise.allSettled(stoppers.reverse().map((stop) => stop()));
  };
  try {
    let backendEnv: Record<string, string> = {};
    if (env.mode === "offline") {
      const stack = await startLocalStack();
      stoppers.push(stack.stop);
      backendEnv = stack.appEnv;
    } else if (env.authProvider === "clerk") {
      await clerkSetup();
    }
    // Each app links to the other's e2e server, not to the `pnpm dev` defaults.
    const appEnv = {
      ...backendEnv,
      APP_ROUTER_URL: env.appRouterUrl,
      PAGES_ROUTER_URL: env.pagesRouterUrl,
    };
    // APP_BASE_URL: nextjs-auth0 builds its callback URL from it (Clerk ignores it); the browser uses 127.0.0.1.
    const envOf = (app: (typeof APPS)[number]) => ({ ...appEnv, APP_BASE_URL: app.url });
    if (!env.prebuilt) {
      const started = Date.now();
      // In parallel: on two cores this is still faster than one after the other (much of a build is I/O).
      await Promise.all(APPS.map((app) => buildApp(app, envOf(app))));
      console.log(`e2e: both apps built in ${Math.round((Date.now() - started) / 1000)} s`);
    }
    const results = await Promise.allSettled(APPS.map((app) => startApp(app, envOf(app))));
    for (const result of results)
      if (result.status === "fulfilled") stoppers.push(result.value.stop);
    const failed = results.find((result) => result.status === "rejected");
    if (failed !== undefined) throw failed.reason;
  } catch (error) {
    await stopAll();
    throw error;
  }
  return stopAll;
}
