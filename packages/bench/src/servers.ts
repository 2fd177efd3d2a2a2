// The system under test: a fresh local Convex + Clerk stack on the benchmark's ports, and both apps built for
// production and served by `next start`.
import { join } from "node:path";

import { startFreshStack } from "@repo/offline-stack/fresh-stack";
import type { NextAppSpec, RunningNextApp } from "@repo/offline-stack/next-app";
import { buildNextApp, startNextApp } from "@repo/offline-stack/next-app";
import { assertPortsFree as assertFree } from "@repo/offline-stack/ports";

import type { ServedApp } from "./config";
import { APPS, DATA_DIR, DIST_DIR, FLOORS, LIMITS, PORTS } from "./config";
import { inheritedEnv } from "./env";

export interface Stack {
  /** Env that points an app at the local servers (Convex URL, Clerk keys and URLs). */
  env: Record<string, string>;
  stop(): Promise<void>;
}

/** Refuses to start when any benchmark port is taken: reusing someone else's server would skew the numbers. */
export function assertPortsFree(): Promise<void> {
  return assertFree([
    PORTS.convex,
    PORTS.convexSite,
    PORTS.clerk,
    ...[APPS.app, APPS.pages, FLOORS.app, FLOORS.pages].map((app) => app.port),
  ]);
}

/** A fresh data dir: every run starts from the same empty database and newly generated keys. */
export async function startStack(): Promise<Stack> {
  const stack = await startFreshStack({
    dataDir: DATA_DIR,
    convexPort: PORTS.convex,
    convexSitePort: PORTS.convexSite,
    clerkPort: PORTS.clerk,
    auth0Port: PORTS.auth0,
    oidcPort: PORTS.oidc,
    // The benchmark compares the routers on the default provider.
    authProvider: "clerk",
    appUrls: [APPS.app.url, APPS.pages.url],
  });
  return { env: stack.env, stop: () => stack.stop() };
}

// The floor apps read none of the stack's env; they get the same env anyway, so the builds differ only in code.
function spec(app: ServedApp, stack: Stack): NextAppSpec {
  return {
    name: app.label,
    dir: app.dir,
    distDir: DIST_DIR,
    env: {
      ...inheritedEnv(),
      ...stack.env,
      APP_ROUTER_URL: APPS.app.url,
      PAGES_ROUTER_URL: APPS.pages.url,
      // Source maps for the first-load JS attribution (source-map-attribution.ts); the chunks stay the same.
      NEXT_BROWSER_SOURCE_MAPS: "1",
    },
  };
}

/** Builds one app for production; returns how long it took in ms. */
export function buildApp(app: ServedApp, stack: Stack): Promise<number> {
  return buildNextApp(spec(app, stack), {
    logFile: join(DATA_DIR, "logs", `build-${app.key}.log`),
    timeoutMs: LIMITS.buildMs,
  });
}

/** Serves one app at `app.url` (http://127.0.0.1:<port>). */
export function startApp(app: ServedApp, stack: Stack): Promise<RunningNextApp> {
  return startNextApp(spec(app, stack), {
    port: app.port,
    logFile: join(DATA_DIR, "logs", `start-${app.key}.log`),
    timeoutMs: LIMITS.serverStartMs,
  });
}
