// A port that ends up in a client bundle must be part of the build's cache key: otherwise turbo replays a build
// that points the browser at the old port. So must AUTH_PROVIDER, which picks the auth modules a build bundles.
import { execFileSync } from "node:child_process";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

import { beforeAll, expect, it, vi } from "vitest";

import { PORT_ENV } from "../src/env";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
const APPS = ["@repo/app-router", "@repo/pages-router"];
const KEYED_ENV = [...Object.values(PORT_ENV), "AUTH_PROVIDER"];

// Each case runs turbo once (about 1 s on an idle machine, several under load, e.g. beside an e2e build).
vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

interface DryTask {
  taskId: string;
  hash: string;
  dependencies: string[];
}

/** What `turbo run <args> --dry=json` would run, with `env` as the whole environment. */
function dryRun(args: string[], env: NodeJS.ProcessEnv = process.env): DryTask[] {
  const out = execFileSync("pnpm", ["exec", "turbo", "run", ...args, "--dry=json"], {
    cwd: repoRoot,
    env: { ...env, TURBO_TELEMETRY_DISABLED: "1" },
    encoding: "utf8",
  });
  return (JSON.parse(out) as { tasks: DryTask[] }).tasks;
}

/** The hash turbo would cache each app's build under, with `extraEnv` set. */
function buildHashes(extraEnv: Record<string, string>): Map<string, string> {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extraEnv };
  for (const name of KEYED_ENV) if (!(name in extraEnv)) delete env[name];
  const tasks = dryRun(["build", ...APPS.map((app) => `--filter=${app}`)], env);
  return new Map(tasks.map((task) => [task.taskId, task.hash]));
}

/** The hashes with none of the keyed variables set, computed once for every case. */
let before: Map<string, string>;
beforeAll(() => {
  before = buildHashes({});
});

it.each([...Object.values(PORT_ENV).map((name) => [name, "45678"]), ["AUTH_PROVIDER", "auth0"]])(
  "changing %s misses the apps' build cache",
  (name, value) => {
    const after = buildHashes({ [name]: value });
    for (const app of APPS) {
      const task = `${app}#build`;
      expect(before.get(task)).toBeDefined();
      expect(after.get(task), task).not.toBe(before.get(task));
    }
  },
);

it("the same env hits the same cache entry", () => {
  expect(buildHashes({})).toEqual(before);
});

// The e2e tasks are cached: a second `test:all` with nothing changed replays them. That is only sound if their key
// covers the apps they build and test, which it does through @repo/e2e's dependencies on both apps.
it("the e2e tasks' cache key covers both apps", () => {
  const tasks = dryRun([
    "e2e",
    "e2e:auth0",
    "e2e:oidc",
    "e2e:clerk-template",
    "e2e:hosted",
    "--filter=@repo/e2e",
  ]);
  const e2eTasks = tasks.filter((task) => task.taskId.startsWith("@repo/e2e#"));
  expect(e2eTasks.map((task) => task.taskId).sort()).toEqual(
    [
      "@repo/e2e#e2e",
      "@repo/e2e#e2e:auth0",
      "@repo/e2e#e2e:clerk-template",
      "@repo/e2e#e2e:hosted",
      "@repo/e2e#e2e:oidc",
    ].sort(),
  );
  for (const task of e2eTasks) {
    for (const app of APPS) expect(task.dependencies, task.taskId).toContain(`${app}#topo`);
  }
});
