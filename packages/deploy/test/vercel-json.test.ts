// The apps' vercel.json files against what they and the README claim: one Convex deployment for both apps, pushed by
// exactly one of them (the App Router's build, through `npx convex deploy --cmd`), the other a plain build, both
// turbo-aware builds of their own package from the app's folder (Vercel's root directory). The end-to-end run
// (packages/e2e, `e2e:hosted`) runs these very commands against a self-hosted stand-in.
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";

import { describe, expect, it } from "vitest";

import type { AppName } from "../src/vercel";
import { appDir, APPS, convexDeploy, readVercelJson, repoRoot } from "../src/vercel";

const packageJson = (dir: string) =>
  JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as {
    name: string;
    scripts?: Record<string, string>;
    packageManager?: string;
  };

/** `pnpm exec turbo run build --filter=<package>`, optionally after `cd <dir> && `. */
const TURBO_BUILD = /^(?:cd (\S+) && )?pnpm exec turbo run build --filter=(\S+)$/;

function turboBuild(command: string, from: string) {
  const match = TURBO_BUILD.exec(command);
  expect(match, command).not.toBeNull();
  const [, dir, filter] = match ?? [];
  return { dir: resolve(from, dir ?? "."), filter };
}

describe.each(APPS)("apps/%s/vercel.json", (app: AppName) => {
  const config = readVercelJson(app);

  it("is a Next.js project installed with the workspace's pnpm and lockfile", () => {
    expect(Object.keys(config).sort()).toEqual(
      ["$schema", "buildCommand", "framework", "installCommand"].sort(),
    );
    expect(config.$schema).toBe("https://openapi.vercel.sh/vercel.json");
    expect(config.framework).toBe("nextjs");
    expect(config.installCommand).toBe("pnpm install --frozen-lockfile");
    expect(packageJson(repoRoot).packageManager).toMatch(/^pnpm@/);
  });

  it("builds this app's own package with turbo, from the app's folder", () => {
    const deploy = convexDeploy(config.buildCommand ?? "");
    const from = deploy === undefined ? appDir(app) : resolve(appDir(app), deploy.dir);
    const build = turboBuild(deploy?.build ?? config.buildCommand ?? "", from);
    expect(build.dir).toBe(appDir(app));
    expect(build.filter).toBe(packageJson(appDir(app)).name);
    expect(packageJson(appDir(app)).scripts?.build).toBe("with-backends --env-only -- next build");
  });
});

describe("one Convex deployment for both apps", () => {
  const deploys = APPS.map(
    (app) => [app, convexDeploy(readVercelJson(app).buildCommand ?? "")] as const,
  );

  it("only the App Router's build pushes the functions", () => {
    expect(deploys.filter(([, deploy]) => deploy !== undefined).map(([app]) => app)).toEqual([
      "app-router",
    ]);
  });

  it("the push runs in the Convex app's folder and hands the build its URL as NEXT_PUBLIC_CONVEX_URL", () => {
    const deploy = deploys[0]?.[1];
    expect(deploy?.urlEnvVar).toBe("NEXT_PUBLIC_CONVEX_URL");
    const convexDir = resolve(appDir("app-router"), deploy?.dir ?? "");
    expect(convexDir).toBe(join(repoRoot, "convex"));
    expect(existsSync(join(convexDir, "convex.json"))).toBe(true);
    expect(packageJson(convexDir).name).toBe("@repo/convex");
  });

  // Turbo's strict env mode hands a task only the variables turbo.json declares for it: the URLs `convex deploy`
  // sets (and the self-hosted pair) must be among them, or the build would see none of them.
  it("turbo's build task lets through what `convex deploy --cmd` and self-hosting set", () => {
    const turbo = JSON.parse(readFileSync(join(repoRoot, "turbo.json"), "utf8")) as {
      tasks: { build: { env: string[]; passThroughEnv?: string[] } };
    };
    const declared = [...turbo.tasks.build.env, ...(turbo.tasks.build.passThroughEnv ?? [])];
    const covers = (name: string) =>
      declared.some((pattern) => new RegExp(`^${pattern.replace("*", ".*")}$`).test(name));
    for (const name of [
      "NEXT_PUBLIC_CONVEX_URL",
      "CONVEX_SITE_URL",
      "VITE_CONVEX_SITE_URL",
      "CONVEX_SELF_HOSTED_URL",
      "CONVEX_SELF_HOSTED_ADMIN_KEY",
      "NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY",
      "CLERK_SECRET_KEY",
      "AUTH0_SECRET",
      "AUTH_PROVIDER",
    ]) {
      expect(covers(name), name).toBe(true);
    }
  });
});
