// The apps' Dockerfile against what it claims: turbo prune (run here for real), pnpm, Next's standalone server,
// secrets only as BuildKit secrets, a non-root runtime. The image build itself needs a Docker daemon: run where one
// answers, skipped with the reason where none does (this project's CI has no Docker).
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { afterAll, describe, expect, it } from "vitest";
import { parse } from "yaml";

import { APPS, repoRoot } from "../src/vercel";

const dockerfile = readFileSync(join(repoRoot, "Dockerfile"), "utf8");
/** Instructions, with line continuations joined and comments dropped. */
const instructions = dockerfile
  .replace(/\\\n/g, " ")
  .split("\n")
  .map((line) => line.trim())
  .filter((line) => line !== "" && !line.startsWith("#"));
const stages = instructions.flatMap((line) => /^FROM \S+ AS (\S+)$/.exec(line)?.[1] ?? []);
const stage = (name: string) => {
  const start = instructions.findIndex((line) => line.endsWith(` AS ${name}`));
  const next = instructions.findIndex((line, i) => i > start && line.startsWith("FROM "));
  return instructions.slice(start, next === -1 ? undefined : next);
};
const catalog = (
  parse(readFileSync(join(repoRoot, "pnpm-workspace.yaml"), "utf8")) as {
    catalog: Record<string, string>;
  }
).catalog;

describe("Dockerfile", () => {
  it("has the prune, build and runtime stages", () => {
    expect(stages).toEqual(["base", "prune", "build", "runtime"]);
  });

  it("prunes with the workspace's turbo and builds the app's standalone server with pnpm", () => {
    expect(stage("prune")).toContain(
      `RUN pnpm dlx turbo@${catalog.turbo} prune "@repo/\${APP}" --docker`,
    );
    const build = stage("build").join("\n");
    expect(build).toContain("COPY --from=prune /repo/out/json/ .");
    expect(build).toMatch(/pnpm install --frozen-lockfile/);
    expect(build).toContain("NEXT_OUTPUT=standalone");
    expect(build).toMatch(/pnpm exec turbo run build --filter="@repo\/\$\{APP\}"$/m);
  });

  it("runs on the Node major .nvmrc names, as the unprivileged node user, the standalone server only", () => {
    const major = readFileSync(join(repoRoot, ".nvmrc"), "utf8").trim();
    expect(instructions[0]).toMatch(
      new RegExp(`^ARG NODE_IMAGE=node:${major}\\.\\d+\\.\\d+-bookworm-slim$`),
    );
    const runtime = stage("runtime");
    expect(runtime.filter((line) => line.startsWith("USER "))).toEqual(["USER node"]);
    expect(runtime.findIndex((line) => line === "USER node")).toBeLessThan(
      runtime.findIndex((line) => line.startsWith("CMD ")),
    );
    expect(runtime).toContain("COPY --from=build /repo/apps/${APP}/.next/standalone ./");
    expect(runtime.join("\n")).not.toMatch(/node_modules|pnpm install/);
    expect(runtime.at(-1)).toBe('CMD ["sh", "-c", "exec node \\"apps/${APP}/server.js\\""]');
  });

  it("takes server secrets only as BuildKit secrets, never as build args or image env", () => {
    for (const secret of ["CLERK_SECRET_KEY", "AUTH0_CLIENT_SECRET", "AUTH0_SECRET"]) {
      expect(
        instructions.filter((line) => /^(ARG|ENV) /.test(line) && line.includes(secret)),
      ).toEqual([]);
      expect(dockerfile).toContain(`--mount=type=secret,id=${secret},env=${secret}`);
    }
  });

  it("gets every NEXT_PUBLIC_ variable the apps read as a build arg (they are baked into the bundle)", () => {
    const env = readFileSync(join(repoRoot, "packages/auth/src/env.ts"), "utf8");
    const read = new Set(env.match(/process\.env\.(NEXT_PUBLIC_\w+)/g)?.map((m) => m.slice(12)));
    expect(read.size).toBeGreaterThan(0);
    for (const name of read) expect(instructions, name).toContain(`ARG ${name}`);
  });

  it(".dockerignore keeps installed packages, builds, local data and env files out of the context", () => {
    const ignored = readFileSync(join(repoRoot, ".dockerignore"), "utf8").split("\n");
    for (const entry of [
      "**/node_modules",
      "**/.next",
      ".data",
      "**/.env",
      "**/.env*.local",
      ".git",
    ]) {
      expect(ignored).toContain(entry);
    }
  });
});

describe("turbo prune, as the prune stage runs it", () => {
  const out = mkdtempSync(join(tmpdir(), "deploy-prune-"));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it.each(APPS)(
    "keeps @repo/%s, its workspace dependencies and lockfile, and nothing else",
    (app) => {
      const dir = join(out, app);
      execFileSync(
        "pnpm",
        ["exec", "turbo", "prune", `@repo/${app}`, "--docker", "--out-dir", dir],
        {
          cwd: repoRoot,
          env: { ...process.env, TURBO_TELEMETRY_DISABLED: "1" },
          stdio: "pipe",
        },
      );
      for (const file of [
        `apps/${app}/package.json`,
        "pnpm-lock.yaml",
        "pnpm-workspace.yaml",
        "package.json",
      ]) {
        expect(existsSync(join(dir, "json", file)), file).toBe(true);
      }
      expect(existsSync(join(dir, "full", "apps", app, "next.config.ts"))).toBe(true);
      expect(existsSync(join(dir, "full", "packages", "auth", "src", "env.ts"))).toBe(true);
      const other = APPS.find((name) => name !== app) ?? "";
      expect(existsSync(join(dir, "full", "apps", other))).toBe(false);
    },
  );
});

const daemon = spawnSync("docker", ["info", "--format", "{{.ServerVersion}}"], {
  encoding: "utf8",
});
const hasDaemon = daemon.status === 0;
describe.skipIf(!hasDaemon)(
  `docker build${hasDaemon ? "" : " (skipped: no Docker daemon answers `docker info` on this machine)"}`,
  () => {
    it("builds the App Router's image", { timeout: 15 * 60_000 }, () => {
      // Well-formed values: the build validates them; nothing answers at these URLs.
      execFileSync(
        "docker",
        [
          "build",
          ...["--build-arg", "APP=app-router"],
          ...["--build-arg", "NEXT_PUBLIC_CONVEX_URL=http://127.0.0.1:3210"],
          ...["--build-arg", "NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY=pk_test_Y2xlcmsuZXhhbXBsZS5jb20k"],
          ...["--secret", "id=CLERK_SECRET_KEY,env=CLERK_SECRET_KEY"],
          ...["-t", "convex-routers-app:test", "."],
        ],
        {
          cwd: repoRoot,
          env: { ...process.env, CLERK_SECRET_KEY: "sk_test_abc", DOCKER_BUILDKIT: "1" },
          stdio: "inherit",
          timeout: 15 * 60_000,
        },
      );
    });
  },
);
