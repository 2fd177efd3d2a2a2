// Builds one app for production into its own dist dir, then serves it with `next start`.
import type { ChildProcess } from "node:child_process";
import { spawn } from "node:child_process";
import { createWriteStream, mkdirSync } from "node:fs";
import { join } from "node:path";

import { assertPortsFree } from "@repo/offline-stack/ports";

import { env } from "../env";

export interface NextApp {
  name: "app-router" | "pages-router";
  port: number;
  url: string;
}

/** The e2e build's own folder: its local ports are baked into the client bundle. */
const DIST_DIR = ".next-e2e";
const START_TIMEOUT_MS = 60_000;

function appDir(app: NextApp): string {
  return join(env.repoRoot, "apps", app.name);
}

function run(app: NextApp, args: string[], appEnv: Record<string, string>): ChildProcess {
  const logDir = join(env.dataDir, "logs");
  mkdirSync(logDir, { recursive: true });
  const log = createWriteStream(join(logDir, `${app.name}-${args[0] ?? "next"}.log`));
  const child = spawn(join(appDir(app), "node_modules/.bin/next"), args, {
    cwd: appDir(app),
    env: { ...env.inherited, ...appEnv, NEXT_DIST_DIR: DIST_DIR, NEXT_TELEMETRY_DISABLED: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  return child;
}

export async function buildApp(app: NextApp, appEnv: Record<string, string>): Promise<void> {
  const child = run(app, ["build"], appEnv);
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  if (code !== 0) {
    throw new Error(
      `e2e: \`next build\` of ${app.name} failed (exit ${String(code)}); see ${join(env.dataDir, "logs", `${app.name}-build.log`)}.`,
    );
  }
}

async function answers(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { redirect: "manual", signal: AbortSignal.timeout(2000) });
    await response.body?.cancel();
    return response.status < 500;
  } catch {
    return false;
  }
}

export interface RunningApp {
  stop: () => Promise<void>;
}

export async function startApp(app: NextApp, appEnv: Record<string, string>): Promise<RunningApp> {
  await assertPortsFree([app.port]);
  // Not `--hostname 127.0.0.1`: Next 16.4.6's `next start` then gives middleware "localhost" URLs, so Clerk's
  // same-URL rewrite looks external and the request hangs. "localhost" still listens on 127.0.0.1 only
  // (checked below), and the browser keeps using 127.0.0.1, which Clerk's redirects follow.
  const child = run(app, ["start", "--hostname", "localhost", "--port", String(app.port)], appEnv);
  const state = { exited: false };
  child.once("exit", () => (state.exited = true));
  const stop = () =>
    new Promise<void>((resolve) => {
      if (state.exited) return resolve();
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
    });
  const deadline = Date.now() + START_TIMEOUT_MS;
  // A 404 path: answers as soon as the server is up, without rendering a Convex-backed page.
  while (!(await answers(`http://localhost:${app.port}/__e2e-ready`))) {
    if (state.exited || Date.now() > deadline) {
      await stop();
      throw new Error(`e2e: \`next start\` of ${app.name} did not answer on ${app.url}.`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  // If "localhost" resolved to ::1 here, the 127.0.0.1 URL the browser uses would not answer.
  if (!(await answers(`${app.url}/__e2e-ready`))) {
    await stop();
    throw new Error(`e2e: ${app.name} does not listen on ${app.url}.`);
  }
  return { stop };
}
