// `npx convex logs` (the pinned CLI) against a local backend: streams new runs with function names and levels,
// `--history` shows earlier ones, failures show their error.
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { CliBackend } from "./harness";
import { startCliBackend } from "./harness";

let cli: CliBackend;
beforeAll(async () => {
  cli = await startCliBackend({ fixture: "io-app" });
}, 60_000);
afterAll(async () => {
  await cli.stop();
});

async function chatty(note: string, fail = false): Promise<void> {
  await fetch(`${cli.backend.url}/api/mutation`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ path: "data:chatty", args: [{ note, fail }] }),
  });
}

describe("npx convex logs", () => {
  it("--history prints earlier runs with function name, kind and level, and errors", async () => {
    await chatty("earlier");
    await chatty("broken", true);
    // `logs` tails until stopped: the harness kills it once it had time to print.
    const result = await cli.run(["logs", "--history"], { timeoutMs: 6_000 });
    expect(result.stderr).toContain("Watching logs");
    const lines = result.stdout.split("\n");
    for (const expected of [
      "[CONVEX M(data:chatty)] [LOG] 'log line' 'earlier'",
      "[CONVEX M(data:chatty)] [INFO] 'info line'",
      "[CONVEX M(data:chatty)] [WARN] 'warn line'",
      "[CONVEX M(data:chatty)] [ERROR] 'error line'",
      "[CONVEX M(data:chatty)] Uncaught Error: failing on purpose: broken",
    ]) {
      expect(
        lines.some((line) => line.endsWith(expected)),
        expected,
      ).toBe(true);
    }
  }, 30_000);

  it("streams runs that happen while it watches, and not earlier ones without --history", async () => {
    await chatty("before watching");
    const watching = cli.run(["logs"], { timeoutMs: 8_000 });
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    await chatty("while watching");
    const result = await watching;
    expect(result.stdout).toContain("[CONVEX M(data:chatty)] [LOG] 'log line' 'while watching'");
    expect(result.stdout).not.toContain("before watching");
  }, 30_000);
});
