// The system under test: a fresh local Convex + Clerk stack on the benchmark's ports, and both apps built for
// production and served by `next start`.
import { mkdirSync } from "node:fs";
import { join } from "node:path";

import { startFreshStack } from "@repo/offline-stack/fresh-stack";
import { assertPortsFree as assertFree } from "@repo/offline-stack/ports";

import type { AppSpec } from "./config";
import { APPS, DATA_DIR, DIST_DIR, LIMITS, PORTS } from "./config";
import { inheritedEnv } from "./env";
import type { Owned } from "./processes";
import { runToEnd, start, stop } from "./processes";

export interface Stack {
  /** Env that points an app at the local servers (Convex URL, Clerk keys and URLs). */
  env: Record<string, string>;
  stop(): Promise<void>;
}

/** Refuses to start when any benchmark port is taken: reusing someone else's server would skew the numbers. */
export function assertPortsFree(): Promise<void> {
  return assertFree([PORTS.convex, PORTS.convexSite, PORTS.clerk, APPS.app.port, APPS.pages.port]);
}

/** A fresh data dir: every run starts from the same empty database and newly generated keys. */
export async function startStack(): Promise<Stack> {
  const stack = await startFreshStack({
    dataDir: DATA_DIR,
    convexPort: PORTS.convex,
    convexSitePort: PORTS.convexSite,
    clerkPort: PORTS.clerk,
    auth0Port: PORTS.auth0,
    // The benchmark compares the routers on the default provider.
    authProvider: "clerk",
    appUrls: [APPS.app.url, APPS.pages.url],
  });
  mkdirSync(join(DATA_DIR, "logs"), { recursive: true });
  return { env: stack.env, stop: () => stack.stop() };
}

function appEnv(stack: Stack): Record<string, string> {
  return {
    ...inheritedEnv(),
    ...stack.env,
    NEXT_DIST_DIR: DIST_DIR,
    APP_ROUTER_URL: APPS.app.url,
    PAGES_ROUTER_URL: APPS.pages.url,
    NEXT_TELEMETRY_DISABLED: "1",
  };
}

const nextBin = (app: AppSpec) => join(app.dir, "node_modules", ".bin", "next");

/** Builds one app for production; returns how long it took. */
export async function buildApp(app: AppSpec, stack: Stack): Promise<number> {
  const started = performance.now();
  await runToEnd(`next build (${app.label})`, nextBin(app), ["build"], {
    cwd: app.dir,
    env: { ...appEnv(stack), NODE_ENV: "production" },
    logFile: join(DATA_DIR, "logs", `build-${app.id}.log`),
    timeoutMs: LIMITS.buildMs,
  });
  return performance.now() - started;
}

async function waitReady(app: AppSpec, server: Owned): Promise<void> {
  const deadline = Date.now() + LIMITS.serverStartMs;
  while (Date.now() < deadline) {
    if (server.child.exitCode !== null) throw new Error(`${server.name} exited while starting.`);
    try {
      const response = await fetch(`${app.url}/fetch-query`, {
        signal: AbortSignal.timeout(5_000),
      });
      await response.arrayBuffer();
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${server.name} was not ready within ${LIMITS.serverStartMs / 1000}s.`);
}

export async function startApp(app: AppSpec, stack: Stack): Promise<Owned> {
  const server = start(
    `next start (${app.label})`,
    nextBin(app),
    // `--hostname 127.0.0.1` makes every request through this Next 16.4.6 build's proxy (Clerk middleware) loop
    // back into the server until it hangs; `localhost` resolves to 127.0.0.1 here and binds loopback only too.
    ["start", "--hostname", "localhost", "--port", String(app.port)],
    { cwd: app.dir, env: appEnv(stack), logFile: join(DATA_DIR, "logs", `start-${app.id}.log`) },
  );
  try {
    await waitReady(app, server);
  } catch (error) {
    await stop(server);
    throw error;
  }
  return server;
}
