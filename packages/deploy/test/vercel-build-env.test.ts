// The self-hosted pitfall on Vercel (get-convex/convex-backend#162): Vercel sets VERCEL=1 in every build, and the CLI
// once demanded CONVEX_DEPLOY_KEY there even with CONVEX_SELF_HOSTED_URL + _ADMIN_KEY set. The pinned CLI, run here
// as the App Router's Vercel build runs it (in convex/, VERCEL=1), against a local backend as the self-hosted
// deployment: with the pair it deploys (a dry run: nothing is pushed); without it, it stops at the check, so the check
// is live and VERCEL=1 is what trips it.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { promisify } from "node:util";

import type { SpawnedConvexLocal } from "@repo/convex-local";
import { freePort, loadOrCreateAdminKey, spawnConvexLocal } from "@repo/convex-local";
import { afterAll, beforeAll, expect, it } from "vitest";

import { repoRoot } from "../src/vercel";

const run = promisify(execFile);
const convexDir = join(repoRoot, "convex");
const cli = join(
  dirname(createRequire(join(convexDir, "package.json")).resolve("convex/package.json")),
  "bin",
  "main.js",
);
const work = mkdtempSync(join(tmpdir(), "deploy-vercel-env-"));
// The control case names an empty env file: the CLI then chooses the deployment from it alone, not from a
// convex/.env.local a developer's `convex dev` may have left. (The first case needs none: process env, which is
// where Vercel puts the project's variables, wins over .env.local.)
const emptyEnvFile = join(work, "empty.env");
writeFileSync(emptyEnvFile, "");

let backend: SpawnedConvexLocal;
let adminKey: string;
beforeAll(async () => {
  const dataDir = join(work, "backend");
  backend = await spawnConvexLocal({
    port: await freePort(),
    sitePort: await freePort(),
    dataDir,
    env: { CLERK_JWT_ISSUER_DOMAIN: "https://clerk.example.com" },
    watch: false,
    quiet: true,
  });
  adminKey = loadOrCreateAdminKey(dataDir, "local");
}, 60_000);
afterAll(async () => {
  await backend.stop();
  rmSync(work, { recursive: true, force: true });
});

async function deployOnVercel(selfHosted: Record<string, string>, extraArgs: string[] = []) {
  const env: NodeJS.ProcessEnv = { ...process.env, VERCEL: "1", ...selfHosted };
  for (const name of Object.keys(env)) {
    if (name.startsWith("CONVEX_") && !(name in selfHosted)) delete env[name];
  }
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      [
        cli,
        "deploy",
        "--dry-run",
        "--typecheck",
        "disable",
        "--codegen",
        "disable",
        "-y",
        ...extraArgs,
      ],
      { cwd: convexDir, env, timeout: 90_000 },
    );
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code, output: `${failed.stdout ?? ""}${failed.stderr ?? String(error)}` };
  }
}

it(
  "with the self-hosted pair, VERCEL=1 needs no CONVEX_DEPLOY_KEY",
  { timeout: 120_000 },
  async () => {
    const result = await deployOnVercel({
      CONVEX_SELF_HOSTED_URL: backend.url,
      CONVEX_SELF_HOSTED_ADMIN_KEY: adminKey,
    });
    expect(result.output).not.toContain("build environment detected");
    expect(result.output).toContain(`Would have deployed Convex functions to ${backend.url}`);
    expect(result.code).toBe(0);
  },
);

it(
  "without it, the CLI stops at Vercel's build-environment check",
  { timeout: 120_000 },
  async () => {
    const result = await deployOnVercel({}, ["--env-file", emptyEnvFile]);
    expect(result.code).toBe(1);
    expect(result.output).toContain("Vercel build environment detected");
  },
);
