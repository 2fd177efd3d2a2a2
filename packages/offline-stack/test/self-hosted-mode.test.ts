// with-backends' third mode: with CONVEX_SELF_HOSTED_URL + CONVEX_SELF_HOSTED_ADMIN_KEY set it starts nothing local and
// hands the apps the deployment's own URLs, asked of a real backend (a convex-local started here as the "remote"
// self-hosted deployment, with its own data dir and admin key); under `convex deploy --cmd` it asks nothing.
import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

import type { SpawnedConvexLocal } from "@repo/convex-local";
import { freePort, loadOrCreateAdminKey, spawnConvexLocal } from "@repo/convex-local";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

const run = promisify(execFile);
const bin = join(import.meta.dirname, "../bin/with-backends.js");
const work = mkdtempSync(join(tmpdir(), "with-backends-self-hosted-mode-"));
/** Where a wrongly started local stack would leave its lock and data. */
const offlineDataDir = join(work, "offline");
const remoteDataDir = join(work, "remote");

const CLERK = {
  NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: "pk_test_Y2xlcmsuZXhhbXBsZS5jb20k",
  CLERK_SECRET_KEY: "sk_test_abc",
};

const printEnv =
  "process.stdout.write(JSON.stringify({convex: process.env.NEXT_PUBLIC_CONVEX_URL, " +
  "site: process.env.NEXT_PUBLIC_CONVEX_SITE_URL}))";

let remote: SpawnedConvexLocal;
let adminKey: string;
beforeAll(async () => {
  const [port, sitePort] = [await freePort(), await freePort()];
  remote = await spawnConvexLocal({
    port,
    sitePort,
    dataDir: remoteDataDir,
    env: { CLERK_JWT_ISSUER_DOMAIN: "https://clerk.example.com" },
    watch: false,
    quiet: true,
  });
  adminKey = loadOrCreateAdminKey(remoteDataDir, "local");
});
afterAll(async () => {
  await remote.stop();
  rmSync(work, { recursive: true, force: true });
});

/** with-backends in a clean env (nothing hosted or self-hosted from the developer's shell) plus `env`. */
async function withBackends(env: Record<string, string>) {
  const base: NodeJS.ProcessEnv = {
    ...process.env,
    OFFLINE_DATA_DIR: offlineDataDir,
    CONVEX_LOCAL_PORT: "3771",
  };
  for (const name of Object.keys(base)) {
    if (/CONVEX_DEPLOY|CONVEX_URL|CONVEX_SITE|CONVEX_SELF_HOSTED|CLERK_|AUTH0_/.test(name))
      delete base[name];
  }
  try {
    const { stdout } = await run(process.execPath, [bin, "--", process.execPath, "-e", printEnv], {
      cwd: work,
      env: { ...base, ...env },
      timeout: 30_000,
    });
    const lines = stdout.trim().split("\n");
    return { code: 0, first: lines[0], env: JSON.parse(lines.at(-1) ?? "") as unknown, stderr: "" };
  } catch (error) {
    const failed = error as { code: number; stderr: string };
    return { code: failed.code, first: undefined, env: undefined, stderr: failed.stderr };
  }
}

const startedNothingLocal = () =>
  expect(readdirSync(work).filter((name) => name === "offline")).toEqual([]);

describe("with-backends, self-hosted", () => {
  it("asks the deployment for its URLs and starts nothing local", async () => {
    const result = await withBackends({
      CONVEX_SELF_HOSTED_URL: remote.url,
      CONVEX_SELF_HOSTED_ADMIN_KEY: adminKey,
      ...CLERK,
    });
    expect(result.stderr).toBe("");
    expect(result.first).toBe(
      `with-backends: self-hosted Convex at ${remote.url} + clerk (keys found in env); nothing local starts.`,
    );
    expect(result.env).toEqual({ convex: remote.url, site: remote.siteUrl });
    startedNothingLocal();
  });

  it.each(["CONVEX_SITE_URL", "VITE_CONVEX_SITE_URL"])(
    "under `convex deploy --cmd` takes the URLs it was given (site URL as %s) and asks nothing",
    async (siteVar) => {
      // An unreachable deployment: a request to it would fail the command.
      const result = await withBackends({
        CONVEX_SELF_HOSTED_URL: "http://127.0.0.1:9",
        CONVEX_SELF_HOSTED_ADMIN_KEY: adminKey,
        NEXT_PUBLIC_CONVEX_URL: "https://api.example.com",
        [siteVar]: "https://site.example.com",
        ...CLERK,
      });
      expect(result.env).toEqual({
        convex: "https://api.example.com",
        site: "https://site.example.com",
      });
    },
  );

  it("a wrong admin key fails at once, saying where to get the right one", async () => {
    const result = await withBackends({
      CONVEX_SELF_HOSTED_URL: remote.url,
      CONVEX_SELF_HOSTED_ADMIN_KEY: "local|01deadbeef",
      ...CLERK,
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("refused CONVEX_SELF_HOSTED_ADMIN_KEY (401)");
    expect(result.stderr).toContain("generate_admin_key.sh");
    startedNothingLocal();
  });

  it("an unreachable deployment fails within the time limit, naming the URL", async () => {
    const result = await withBackends({
      CONVEX_SELF_HOSTED_URL: "http://127.0.0.1:9",
      CONVEX_SELF_HOSTED_ADMIN_KEY: adminKey,
      ...CLERK,
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      "Cannot reach the self-hosted Convex deployment at http://127.0.0.1:9",
    );
  });

  it("the site's origin in place of the API's is told apart", async () => {
    const result = await withBackends({
      CONVEX_SELF_HOSTED_URL: remote.siteUrl,
      CONVEX_SELF_HOSTED_ADMIN_KEY: adminKey,
      ...CLERK,
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("is CONVEX_SELF_HOSTED_URL the backend's API origin");
  });

  it("the pair without the auth provider's keys is refused, naming them", async () => {
    const result = await withBackends({
      CONVEX_SELF_HOSTED_URL: remote.url,
      CONVEX_SELF_HOSTED_ADMIN_KEY: adminKey,
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("missing: NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY, CLERK_SECRET_KEY");
    startedNothingLocal();
  });
});
