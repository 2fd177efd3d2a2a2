// A port that ends up in a client bundle must be part of the build's cache key: otherwise turbo replays a build
// that points the browser at the old port. So must AUTH_PROVIDER, which picks the auth modules a build bundles.
import { execFileSync } from "node:child_process";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

import { expect, it, vi } from "vitest";

import { PORT_ENV } from "../src/env";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
const APPS = ["@repo/app-router", "@repo/pages-router"];
const KEYED_ENV = [...Object.values(PORT_ENV), "AUTH_PROVIDER"];

// Each case runs turbo twice (about 1 s each on an idle machine, several under load, e.g. beside an e2e build).
vi.setConfig({ testTimeout: 60_000 });

/** The hash turbo would cache each app's build under, with `extraEnv` set. */
function buildHashes(extraEnv: Record<string, string>): Map<string, string> {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extraEnv, TURBO_TELEMETRY_DISABLED: "1" };
  for (const name of KEYED_ENV) if (!(name in extraEnv)) delete env[name];
  const out = execFileSync(
    "pnpm",
    ["exec", "turbo", "run", "build", ...APPS.map((app) => `--filter=${app}`), "--dry=json"],
    { cwd: repoRoot, env, encoding: "utf8" },
  );
  const dry = JSON.parse(out) as { tasks: { taskId: string; hash: string }[] };
  return new Map(dry.tasks.map((task) => [task.taskId, task.hash]));
}

it.each([...Object.values(PORT_ENV).map((name) => [name, "45678"]), ["AUTH_PROVIDER", "auth0"]])(
  "changing %s misses the apps' build cache",
  (name, value) => {
    const before = buildHashes({});
    const after = buildHashes({ [name]: value });
    for (const app of APPS) {
      const task = `${app}#build`;
      expect(before.get(task)).toBeDefined();
      expect(after.get(task), task).not.toBe(before.get(task));
    }
  },
);

it("the same env hits the same cache entry", () => {
  expect(buildHashes({})).toEqual(buildHashes({}));
});
