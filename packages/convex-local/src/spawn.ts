// Runs the CLI as a child process (with reload on change): what `pnpm dev` uses, so a crash or a reload of the
// functions never takes the app's dev server down with it, and convex-test's global patches stay in that process.
import { spawn } from "node:child_process";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";

import { childEnv } from "./env";

export interface SpawnOptions {
  port: number;
  sitePort: number;
  /** Data folder; null keeps everything in memory. */
  dataDir: string | null;
  env: Record<string, string>;
  /** Issuer -> where its OIDC discovery is served, for issuer hosts that do not resolve here (src/env.ts). */
  oidcDiscovery?: Record<string, string>;
  watch?: boolean;
  timeoutMs?: number;
  /** Node flags for the server process (e.g. `--cpu-prof`, which NODE_OPTIONS does not accept). */
  execArgv?: string[];
  /** Drop the server's stdout (its start-up banner); errors still reach stderr. */
  quiet?: boolean;
}

export interface SpawnedConvexLocal {
  url: string;
  siteUrl: string;
  /** The server process's id (the bench reads its CPU time). */
  pid: number | undefined;
  stop(): Promise<void>;
}

const bin = fileURLToPath(new URL("../bin/convex-local.js", import.meta.url));

/** A port nothing listens on right now, for a server that needs its port before it starts. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === "object" && address !== null
          ? resolve(address.port)
          : reject(new Error("no port")),
      );
    });
  });
}

async function reachable(url: string): Promise<boolean> {
  try {
    return (await fetch(url)).ok;
  } catch {
    return false;
  }
}

export async function spawnConvexLocal(options: SpawnOptions): Promise<SpawnedConvexLocal> {
  const args = [
    "--port",
    String(options.port),
    "--site-port",
    String(options.sitePort),
    ...(options.dataDir === null ? ["--in-memory"] : ["--data-dir", options.dataDir]),
  ];
  if (options.watch === false) args.push("--no-watch");
  const child = spawn(process.execPath, [...(options.execArgv ?? []), bin, ...args], {
    stdio: ["inherit", options.quiet === true ? "ignore" : "inherit", "inherit"],
    env: childEnv(options.env, options.oidcDiscovery),
  });
  const url = `http://127.0.0.1:${options.port}`;
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  let exited: number | null | undefined;
  child.once("exit", (code) => (exited = code));
  while (!(await reachable(`${url}/instance_name`))) {
    if (exited !== undefined)
      throw new Error(`convex-local exited (${exited}) before it was ready; see its output above.`);
    if (Date.now() > deadline) {
      child.kill("SIGTERM");
      throw new Error(
        `convex-local did not answer on ${url} within ${options.timeoutMs ?? 60_000} ms.`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url,
    siteUrl: `http://127.0.0.1:${options.sitePort}`,
    pid: child.pid,
    stop: () =>
      new Promise<void>((resolve) => {
        if (exited !== undefined) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}
