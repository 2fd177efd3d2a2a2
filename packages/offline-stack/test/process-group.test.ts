import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { afterAll, expect, it } from "vitest";

import { assertPortsFree } from "../src/ports";
import { runToEnd, startGroup, stopGroup } from "../src/process-group";

const dir = mkdtempSync(join(tmpdir(), "process-group-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const options = (log: string) => ({
  cwd: dir,
  env: {},
  logFile: join(dir, "logs", log),
});

async function waitFor<T>(read: () => T | undefined, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The log stream opens asynchronously: the file may not exist yet. */
function readIfThere(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return "";
  }
}

// Like `next start`: the process that listens is not the one we spawned, and neither minds SIGTERM.
const PARENT = `
process.on("SIGTERM", () => {});
require("node:child_process").spawn(process.execPath, ["-e", ${JSON.stringify(`
  process.on("SIGTERM", () => {});
  const server = require("node:net").createServer();
  server.listen(0, "127.0.0.1", () => console.log("port " + server.address().port));
`)}], { stdio: "inherit" });
setInterval(() => {}, 1000);
`;

it("stops the whole process group, with SIGKILL when SIGTERM is ignored", async () => {
  const owned = startGroup("stubborn", process.execPath, ["-e", PARENT], options("group.log"));
  let port: number;
  try {
    port = await waitFor(() => {
      const match = /port (\d+)/.exec(readIfThere(owned.logFile));
      return match?.[1] === undefined ? undefined : Number(match[1]);
    }, 10_000);
    await expect(assertPortsFree([port])).rejects.toThrow("in use");
  } catch (error) {
    await stopGroup(owned, 0);
    throw error;
  }

  const started = Date.now();
  await stopGroup(owned, 300);
  expect(Date.now() - started).toBeLessThan(5_000);
  expect(await owned.exited).toBeNull();
  // The grandchild that listened is gone too (its socket closes a moment after the leader's exit event).
  let free = false;
  for (let i = 0; i < 20 && !free; i++) {
    free = await assertPortsFree([port]).then(
      () => true,
      () => false,
    );
    if (!free) await new Promise((resolve) => setTimeout(resolve, 100));
  }
  expect(free).toBe(true);
}, 20_000);

it("runToEnd stops a command at its time limit and says so", async () => {
  const started = Date.now();
  await expect(
    runToEnd("forever", process.execPath, ["-e", "setInterval(() => {}, 1000)"], {
      ...options("forever.log"),
      timeoutMs: 500,
    }),
  ).rejects.toThrow(/^forever did not finish within 0\.5 s \(log: .*forever\.log\)\.$/);
  expect(Date.now() - started).toBeLessThan(7_000);
}, 15_000);

it("runToEnd rejects a non-zero exit and keeps its output in the log", async () => {
  await expect(
    runToEnd("failing", process.execPath, ["-e", "console.error('boom'); process.exit(3)"], {
      ...options("failing.log"),
      timeoutMs: 10_000,
    }),
  ).rejects.toThrow("failing failed with exit code 3");
  expect(readFileSync(join(dir, "logs", "failing.log"), "utf8")).toContain("boom");
}, 15_000);

it("reports a command that cannot be spawned instead of hanging", async () => {
  await expect(
    runToEnd("missing", join(dir, "no-such-binary"), [], {
      ...options("missing.log"),
      timeoutMs: 10_000,
    }),
  ).rejects.toThrow("missing failed with exit code -1");
}, 15_000);
