// `pnpm dev` runs the apps through turbo, whose strict env mode drops every variable a task does not declare. The
// ones that pick the provider and the hosted services must reach with-backends and the apps, or `AUTH_PROVIDER=auth0
// pnpm dev` silently runs Clerk (it did).
import { execFileSync } from "node:child_process";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

import { HOSTED_AUTH_VARS } from "@repo/auth/env";
import { expect, it } from "vitest";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
const NEEDED = [
  "AUTH_PROVIDER",
  // Which Clerk setup the local Clerk server emulates (the Convex integration or the JWT template).
  "CLERK_LOCAL_CONVEX_INTEGRATION",
  "NEXT_PUBLIC_CONVEX_URL",
  "CONVEX_DEPLOYMENT",
  // Self-hosted Convex (the CLI's pair).
  "CONVEX_SELF_HOSTED_URL",
  "CONVEX_SELF_HOSTED_ADMIN_KEY",
  "APP_BASE_URL",
  ...Object.values(HOSTED_AUTH_VARS).flat(),
];

interface DryTask {
  taskId: string;
  environmentVariables: { specified: { passThroughEnv: string[] } };
}

const matches = (pattern: string, name: string) =>
  new RegExp(
    `^${pattern.replace(/[.*+?^${}()|[\]\\]/g, (c) => (c === "*" ? ".*" : `\\${c}`))}$`,
  ).test(name);

it("the apps' dev tasks receive the provider and hosted-service variables", () => {
  const out = execFileSync(
    "pnpm",
    ["exec", "turbo", "run", "dev", "--filter=./apps/*", "--dry=json"],
    { cwd: repoRoot, encoding: "utf8", env: { ...process.env, TURBO_TELEMETRY_DISABLED: "1" } },
  );
  const turbo = JSON.parse(out) as { tasks: DryTask[]; globalCacheInputs?: unknown };
  const devTasks = turbo.tasks.filter((task) => task.taskId.endsWith("#dev"));
  expect(devTasks.map((task) => task.taskId).sort()).toEqual([
    "@repo/app-router#dev",
    "@repo/pages-router#dev",
  ]);
  for (const task of devTasks) {
    const passed = task.environmentVariables.specified.passThroughEnv;
    const missing = NEEDED.filter((name) => !passed.some((pattern) => matches(pattern, name)));
    expect(missing, task.taskId).toEqual([]);
  }
});
