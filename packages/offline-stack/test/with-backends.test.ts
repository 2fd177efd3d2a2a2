// with-backends with every hosted variable set: the command runs with exactly that env and nothing local starts.
// (The e2e suite's `e2e:hosted` run proves the apps work that way; this checks the launcher's half.)
import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

import { afterAll, expect, it } from "vitest";

const run = promisify(execFile);
const bin = join(import.meta.dirname, "../bin/with-backends.js");
const dataDir = mkdtempSync(join(tmpdir(), "with-backends-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** Ports nothing else here uses, so a wrongly started local stack could not reuse someone else's. */
const PORTS = { CONVEX_LOCAL_PORT: 3760, CONVEX_LOCAL_SITE_PORT: 3761, CLERK_LOCAL_PORT: 4760 };

const HOSTED = {
  NEXT_PUBLIC_CONVEX_URL: "https://happy-otter-123.convex.cloud",
  NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: "pk_test_Y2xlcmsuZXhhbXBsZS5jb20k",
  CLERK_SECRET_KEY: "sk_test_abc",
};

const printEnv =
  "process.stdout.write(JSON.stringify({convex: process.env.NEXT_PUBLIC_CONVEX_URL, " +
  "pk: process.env.NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY, proxy: process.env.NEXT_PUBLIC_CLERK_PROXY_URL ?? null}))";

it.each([[[] as string[]], [["--env-only"]]])(
  "hosted env (%j): starts nothing and passes the env through unchanged",
  async (flags) => {
    const { stdout } = await run(
      process.execPath,
      [bin, ...flags, "--", process.execPath, "-e", printEnv],
      {
        cwd: dataDir,
        env: {
          ...process.env,
          OFFLINE_DATA_DIR: dataDir,
          ...Object.fromEntries(Object.entries(PORTS).map(([name, port]) => [name, String(port)])),
          ...HOSTED,
        },
        timeout: 30_000,
      },
    );
    const lines = stdout.trim().split("\n");
    expect(lines[0]).toBe(
      "with-backends: hosted Convex + clerk (keys found in env); nothing local starts.",
    );
    expect(JSON.parse(lines.at(-1) ?? "")).toEqual({
      convex: HOSTED.NEXT_PUBLIC_CONVEX_URL,
      pk: HOSTED.NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY,
      proxy: null,
    });
    // A local stack would have left its lock and data folders here.
    expect(readdirSync(dataDir)).toEqual([]);
  },
);
