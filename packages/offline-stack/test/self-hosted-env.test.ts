// with-backends hands tools the local backend as a self-hosted Convex deployment: CONVEX_SELF_HOSTED_URL and
// CONVEX_SELF_HOSTED_ADMIN_KEY, the key being the one in the backend's data dir (the same on every run).
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

import { afterAll, expect, it } from "vitest";

const run = promisify(execFile);
const bin = join(import.meta.dirname, "../bin/with-backends.js");
const dataDir = mkdtempSync(join(tmpdir(), "with-backends-self-hosted-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const printEnv =
  "process.stdout.write(JSON.stringify({url: process.env.CONVEX_SELF_HOSTED_URL, " +
  "key: process.env.CONVEX_SELF_HOSTED_ADMIN_KEY}))";

async function envOnly(): Promise<{ url: string; key: string }> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    OFFLINE_DATA_DIR: dataDir,
    CONVEX_LOCAL_PORT: "3770",
  };
  // Offline mode: no hosted keys from the developer's shell.
  for (const name of Object.keys(env)) {
    if (/CONVEX_DEPLOYMENT|CONVEX_URL|CONVEX_SELF_HOSTED|CLERK_|AUTH0_/.test(name))
      delete env[name];
  }
  const { stdout } = await run(
    process.execPath,
    [bin, "--env-only", "--", process.execPath, "-e", printEnv],
    {
      cwd: dataDir,
      env,
      timeout: 30_000,
    },
  );
  return JSON.parse(stdout.trim().split("\n").at(-1) ?? "") as { url: string; key: string };
}

it("passes the local backend's URL and its data dir's admin key, stable across runs", async () => {
  const first = await envOnly();
  expect(first.url).toBe("http://127.0.0.1:3770");
  expect(first.key).toMatch(/^local\|01[0-9a-f]{96}$/);
  const stored = JSON.parse(readFileSync(join(dataDir, "convex", "admin-key.json"), "utf8")) as {
    adminKey: string;
  };
  expect(stored.adminKey).toBe(first.key);
  expect((await envOnly()).key).toBe(first.key);
});
