// Drives the real, pinned `convex` CLI against a local backend: a temp copy of a fixture app (convex/ +
// package.json), a backend on ephemeral ports with a temp data dir serving that copy's convex/, and `run(args)`
// spawning `node <convex>/bin/main.js` there as a self-hosted deployment (CONVEX_SELF_HOSTED_URL/ADMIN_KEY),
// with no network: outbound HTTP goes to a closed proxy port, only 127.0.0.1 is reached directly.
import { spawn } from "node:child_process";
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmSync,
  symlinkSync,
} from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

import type { ConvexLocal, ConvexLocalOptions } from "../../src/index";
import { startConvexLocal } from "../../src/index";

const fixtures = fileURLToPath(new URL("../fixtures/", import.meta.url));
/** The pinned CLI's package folder (convex 1.48.0 from the catalog). */
export const convexPackageDir = dirname(
  createRequire(import.meta.url).resolve("convex/package.json"),
);
const cliEntry = join(convexPackageDir, "bin", "main.js");

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  /** Extra env for the CLI (wins over the harness's); a value of undefined removes the variable. */
  env?: Record<string, string | undefined>;
  /** Kills the CLI after this long (default 60 s); the result then has code null. */
  timeoutMs?: number;
  /** Written to the CLI's stdin, which is then closed. */
  input?: string;
}

export interface CliBackend {
  backend: ConvexLocal;
  /** The temp copy of the fixture app: the CLI's cwd. */
  appDir: string;
  dataDir: string;
  /** Runs `convex <args>` in appDir against the backend. */
  run(args: string[], options?: RunOptions): Promise<CliResult>;
  /** Stops the backend (keeping the temp dirs, for a restart on the same data dir). */
  stopBackend(): Promise<void>;
  /** Stops the backend if it runs and starts it again on the same data dir (new ports). */
  restartBackend(): Promise<void>;
  /** Stops the backend and deletes the temp dirs. */
  stop(): Promise<void>;
}

export interface CliBackendOptions {
  /** A folder under test/fixtures/ with convex/ and package.json (default "cli-app"). */
  fixture?: string;
  /** Backend options (env, …); ports, dataDir and functionsDir are the harness's unless given. */
  backend?: Partial<ConvexLocalOptions>;
}

/** This package's own node_modules: where the fixtures' other dependencies (published components) are installed. */
const installed = fileURLToPath(new URL("../../node_modules/", import.meta.url));

/**
 * Copies a fixture app to a temp dir, with node_modules/convex linked to the pinned package and every other
 * dependency its package.json names linked to the copy installed for this package (the catalog's pin).
 */
export function copyFixtureApp(fixture = "cli-app"): string {
  const root = mkdtempSync(join(tmpdir(), "convex-local-cli-"));
  const appDir = join(root, "app");
  cpSync(join(fixtures, fixture), appDir, { recursive: true });
  mkdirSync(join(appDir, "node_modules"), { recursive: true });
  symlinkSync(convexPackageDir, join(appDir, "node_modules", "convex"), "dir");
  const manifest = JSON.parse(readFileSync(join(appDir, "package.json"), "utf8")) as {
    dependencies?: Record<string, string>;
  };
  for (const name of Object.keys(manifest.dependencies ?? {})) {
    if (name === "convex") continue;
    const link = join(appDir, "node_modules", name);
    mkdirSync(dirname(link), { recursive: true });
    symlinkSync(realpathSync(join(installed, name)), link, "dir");
  }
  return appDir;
}

/** Runs the pinned CLI with `args` in `cwd`, bounded by a timeout. */
export function runCli(
  cwd: string,
  args: string[],
  env: Record<string, string | undefined>,
  options: RunOptions = {},
): Promise<CliResult> {
  const merged: Record<string, string | undefined> = { ...noNetworkEnv(), ...env, ...options.env };
  // The CLI refuses CONVEX_DEPLOYMENT beside the self-hosted pair, and a developer's shell may set it.
  delete merged.CONVEX_DEPLOYMENT;
  for (const [name, value] of Object.entries(merged)) if (value === undefined) delete merged[name];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cliEntry, ...args], {
      cwd,
      env: merged,
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
    const timer = setTimeout(() => {
      stderr += `\n[harness] killed after ${options.timeoutMs ?? 60_000} ms`;
      child.kill("SIGKILL");
    }, options.timeoutMs ?? 60_000);
    child.once("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(options.input ?? "");
  });
}

/** The shell's env minus anything that would pick a cloud deployment, with outbound HTTP(S) sent nowhere. */
function noNetworkEnv(): Record<string, string | undefined> {
  // The CLI is a child of the test run: it starts from the test's env, as from a developer's shell.
  // eslint-disable-next-line no-restricted-properties
  const env: Record<string, string | undefined> = { ...process.env };
  for (const name of Object.keys(env)) {
    if (/^CONVEX_|^NEXT_PUBLIC_CONVEX_/.test(name)) delete env[name];
  }
  return {
    ...env,
    // The CLI honours these (undici's EnvHttpProxyAgent): version checks etc. fail fast instead of going out.
    HTTP_PROXY: "http://127.0.0.1:9",
    HTTPS_PROXY: "http://127.0.0.1:9",
    NO_PROXY: "127.0.0.1,localhost",
    // No Sentry reports from test runs; no colours or prompts in the output.
    CI: "1",
    NO_COLOR: "1",
    FORCE_COLOR: "0",
  };
}

/** A fixture app copy, a backend serving its convex/ with a temp data dir, and the CLI pointed at it. */
export async function startCliBackend(options: CliBackendOptions = {}): Promise<CliBackend> {
  const appDir = copyFixtureApp(options.fixture);
  const dataDir = join(dirname(appDir), "data");
  const start = () =>
    startConvexLocal({
      port: 0,
      sitePort: 0,
      dataDir,
      functionsDir: join(appDir, "convex"),
      logs: false,
      ...options.backend,
    });
  let backend: ConvexLocal | null = await start();
  const current = (): ConvexLocal => {
    if (backend === null) throw new Error("startCliBackend: the backend is stopped.");
    return backend;
  };
  const stopBackend = async () => {
    await backend?.stop();
    backend = null;
  };
  return {
    get backend() {
      return current();
    },
    appDir,
    dataDir,
    run: (args, runOptions) =>
      runCli(
        appDir,
        args,
        {
          CONVEX_SELF_HOSTED_URL: current().url,
          CONVEX_SELF_HOSTED_ADMIN_KEY: current().adminKey,
        },
        runOptions,
      ),
    stopBackend,
    restartBackend: async () => {
      await stopBackend();
      backend = await start();
    },
    stop: async () => {
      await stopBackend();
      rmSync(dirname(appDir), { recursive: true, force: true });
    },
  };
}
