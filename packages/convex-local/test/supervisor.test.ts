// The CLI's supervisor (watch mode, what `pnpm dev` runs) brings a crashed server back by itself and says why.
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

import { makeFunctionReference } from "convex/server";
import { expect, it } from "vitest";

import { freePort, httpClient } from "./support";

const bin = fileURLToPath(new URL("../bin/convex-local.js", import.meta.url));
const counterGet = makeFunctionReference<"query">("counter:get");
const increment = makeFunctionReference<"mutation">("counter:increment");

/** The server process the supervisor runs (its child running bin/convex-local.js; tsx adds an esbuild one). */
function serverPid(supervisorPid: number): number {
  const out = execFileSync("ps", ["-o", "pid=,args=", "--ppid", String(supervisorPid)], {
    encoding: "utf8",
  });
  const pids = out
    .split("\n")
    .filter((line) => line.includes("convex-local.js"))
    .map((line) => Number.parseInt(line.trim(), 10));
  const [pid] = pids;
  if (pids.length !== 1 || pid === undefined)
    throw new Error(`expected one server process, found:\n${out}`);
  return pid;
}

async function until<T>(
  probe: () => T | undefined | Promise<T | undefined>,
  timeoutMs: number,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await Promise.resolve()
      .then(probe)
      .catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

it(
  "restarts a killed server with a message naming the signal, and serves again",
  { timeout: 60_000 },
  async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const supervisor = spawn(
      process.execPath,
      [bin, "--port", String(port), "--site-port", String(await freePort()), "--in-memory"],
      {
        env: {
          ...process.env,
          CONVEX_LOCAL_DEPLOYMENT_ENV: JSON.stringify({
            CLERK_JWT_ISSUER_DOMAIN: "http://127.0.0.1:1",
          }),
        },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let stderr = "";
    supervisor.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
    supervisor.stdout.resume();
    const exited = new Promise<number | null>((resolve) => supervisor.on("exit", resolve));
    try {
      const up = () =>
        until(async () => ((await fetch(`${url}/instance_name`)).ok ? true : undefined), 30_000);
      await up();
      const http = httpClient(url);
      await http.mutation(increment, { counterName: "supervised" });
      const first = serverPid(supervisor.pid ?? 0);

      process.kill(first, "SIGKILL");
      await until(
        () => (/\(signal SIGKILL\); restarting in \d+ ms/.test(stderr) ? true : undefined),
        10_000,
      );
      await up();
      expect(serverPid(supervisor.pid ?? 0)).not.toBe(first);
      // A new in-memory server: it serves real calls again (state starts empty, as --in-memory says).
      await expect(http.query(counterGet, { counterName: "supervised" })).resolves.toBe(0);
      await expect(http.mutation(increment, { counterName: "supervised" })).resolves.toBe(1);

      // A second crash soon after start waits longer (backoff).
      process.kill(serverPid(supervisor.pid ?? 0), "SIGKILL");
      await until(
        () => (stderr.includes("restarting in 1000 ms (crash 2 in a row)") ? true : undefined),
        10_000,
      );
      await up();
    } finally {
      supervisor.kill("SIGTERM");
      await exited;
    }
    expect(stderr).toMatch(
      /server stopped unexpectedly \(signal SIGKILL\); restarting in 500 ms \(crash 1 in a row\)/,
    );
  },
);

it("repeats the last error lines of a server that fails to start, and keeps retrying", async () => {
  const dir = mkdtempSync(join(tmpdir(), "convex-local-supervisor-"));
  const notADirectory = join(dir, "file");
  writeFileSync(notADirectory, "");
  const supervisor = spawn(
    process.execPath,
    [bin, "--port", String(await freePort()), "--data-dir", join(notADirectory, "data")],
    {
      env: {
        ...process.env,
        CONVEX_LOCAL_DEPLOYMENT_ENV: JSON.stringify({
          CLERK_JWT_ISSUER_DOMAIN: "http://127.0.0.1:1",
        }),
      },
      stdio: ["ignore", "ignore", "pipe"],
    },
  );
  let stderr = "";
  supervisor.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
  const exited = new Promise((resolve) => supervisor.on("exit", resolve));
  try {
    await until(() => (stderr.includes("crash 2 in a row") ? true : undefined), 20_000);
  } finally {
    supervisor.kill("SIGTERM");
    await exited;
    rmSync(dir, { recursive: true, force: true });
  }
  expect(stderr).toMatch(
    /server stopped unexpectedly \(exit code 1\); restarting in 500 ms \(crash 1 in a row\)\.\n {2}last error output:\n {4}convex-local: failed to start: The data folder \S+ cannot be used: ENOTDIR/,
  );
});
