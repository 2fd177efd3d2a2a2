// Both apps built for production into the e2e's own dist dir and served by `next start`, with the shared runner;
// logs under the e2e data folder.
import { join } from "node:path";

import type { NextAppSpec, RunningNextApp } from "@repo/offline-stack/next-app";
import { buildNextApp, startNextApp } from "@repo/offline-stack/next-app";

import { env } from "../env";
import { e2eDistDir } from "./dist-dir";

export interface NextApp {
  name: "app-router" | "pages-router";
  /** Served at http://127.0.0.1:<port>, env's URL for this app. */
  port: number;
}

const DIST_DIR = e2eDistDir(env.mode, env.authProvider);
// A build takes 20–90 s here; a hung one is retried once on an emptied cache (see buildNextApp), within the
// suite's 15-minute global limit.
const BUILD_TIMEOUT_MS = 4 * 60_000;
const START_TIMEOUT_MS = 60_000;

const logFile = (app: NextApp, step: "build" | "start") =>
  join(env.dataDir, "logs", `${app.name}-${step}.log`);

function spec(app: NextApp, appEnv: Record<string, string>): NextAppSpec {
  return {
    name: app.name,
    dir: join(env.repoRoot, "apps", app.name),
    distDir: DIST_DIR,
    env: { ...env.inherited, ...appEnv },
  };
}

export async function buildApp(app: NextApp, appEnv: Record<string, string>): Promise<void> {
  await buildNextApp(spec(app, appEnv), {
    logFile: logFile(app, "build"),
    timeoutMs: BUILD_TIMEOUT_MS,
  });
}

export async function startApp(
  app: NextApp,
  appEnv: Record<string, string>,
): Promise<RunningNextApp> {
  return startNextApp(spec(app, appEnv), {
    port: app.port,
    logFile: logFile(app, "start"),
    timeoutMs: START_TIMEOUT_MS,
  });
}
