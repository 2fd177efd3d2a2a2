// Both apps built for production the way their vercel.json files build them on Vercel, each command run as written,
// from the app's folder (Vercel's root directory), against the stand-in backend as a self-hosted Convex deployment:
// - the App Router's buildCommand, `npx convex deploy --cmd '<turbo build>' --cmd-url-env-var-name
//   NEXT_PUBLIC_CONVEX_URL`, with only CONVEX_SELF_HOSTED_URL + CONVEX_SELF_HOSTED_ADMIN_KEY for Convex: the pinned
//   CLI pushes convex/ there and hands the build the deployment's URL (NEXT_PUBLIC_CONVEX_URL is not set otherwise);
// - the Pages Router's, a plain turbo build, with NEXT_PUBLIC_CONVEX_URL set as its Vercel project sets it.
// The deployment must end up serving the pushed code, not the source folder it serves before any push.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

import type { AppName } from "@repo/deploy/vercel";
import { appDir, readVercelJson } from "@repo/deploy/vercel";
import { runToEnd } from "@repo/offline-stack/process-group";

// A turbo build runs `next build` (20–90 s here); the deploy adds bundling, typechecking and pushing convex/.
const BUILD_TIMEOUT_MS = 6 * 60_000;

export interface DeployBuildOptions {
  /** The e2e suite's dist dir for this configuration: global setup serves it (E2E_PREBUILT). */
  distDir: string;
  /** Every variable both builds get: the auth provider's hosted keys, the apps' URLs. */
  env: Record<string, string>;
  /** The stand-in deployment: its API URL, its admin key and its data folder (to check that the push landed). */
  deployment: { url: string; adminKey: string; dataDir: string };
  logDir: string;
}

function inheritedEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) {
    // Only what the command sets: a Convex deployment or URL from the shell would change what is tested.
    if (value !== undefined && !/^(CONVEX_|NEXT_PUBLIC_CONVEX_)/.test(name)) env[name] = value;
  }
  return env;
}

async function runBuildCommand(app: AppName, env: Record<string, string>, logDir: string) {
  const command = readVercelJson(app).buildCommand;
  if (command === undefined) throw new Error(`apps/${app}/vercel.json has no buildCommand.`);
  const logFile = join(logDir, `${app}-deploy-build.log`);
  const started = Date.now();
  await runToEnd(`${app}'s vercel.json buildCommand`, "bash", ["-c", command], {
    cwd: appDir(app),
    env,
    logFile,
    timeoutMs: BUILD_TIMEOUT_MS,
  });
  console.log(
    `e2e:hosted: ${app} built as deployed in ${Math.round((Date.now() - started) / 1000)} s`,
  );
  return readFileSync(logFile, "utf8");
}

export async function buildAsDeployed(options: DeployBuildOptions): Promise<void> {
  const shared = {
    ...inheritedEnv(),
    ...options.env,
    NEXT_DIST_DIR: options.distDir,
    // The `typecheck` task checks the apps' types once; these builds are for the suite (see buildNextApp).
    NEXT_BUILD_SKIP_TYPECHECK: "1",
    NEXT_TELEMETRY_DISABLED: "1",
    TURBO_TELEMETRY_DISABLED: "1",
    // The suite's dist dir is no output turbo caches: a replayed build would leave it unbuilt.
    TURBO_FORCE: "1",
  };
  const deployLog = runBuildCommand(
    "app-router",
    {
      ...shared,
      CONVEX_SELF_HOSTED_URL: options.deployment.url,
      CONVEX_SELF_HOSTED_ADMIN_KEY: options.deployment.adminKey,
    },
    options.logDir,
  );
  const plainBuild = runBuildCommand(
    "pages-router",
    { ...shared, NEXT_PUBLIC_CONVEX_URL: options.deployment.url },
    options.logDir,
  );
  const [log] = await Promise.all([deployLog, plainBuild]);
  const pushed = join(options.deployment.dataDir, "modules", "CURRENT");
  if (
    !existsSync(pushed) ||
    !log.includes(`Deployed Convex functions to ${options.deployment.url}`)
  ) {
    throw new Error(
      `The App Router's deploy did not push convex/ to ${options.deployment.url} (no ${pushed}); see its log.`,
    );
  }
}
