// `pnpm dev`'s Convex loop, as Convex's templates run it: the real `npx convex dev` (push on change, codegen,
// typecheck) in @repo/convex, against the local backend as a self-hosted deployment. The process that started
// the local servers runs it, so with both apps running there is one `convex dev`, not two.
import type { ChildProcess } from "node:child_process";
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

export interface ConvexDev {
  stop(): Promise<void>;
}

const require = createRequire(import.meta.url);
/** The Convex app: @repo/convex's package folder (convex.json, convex/). */
export const convexAppDir = dirname(require.resolve("@repo/convex/package.json"));
/** The pinned CLI, as the app itself resolves `convex`. */
const convexCli = join(
  dirname(createRequire(join(convexAppDir, "package.json")).resolve("convex/package.json")),
  "bin",
  "main.js",
);

export function startConvexDev(options: {
  url: string;
  adminKey: string;
  /** The parent env to start from (the shell's, as for `npx convex dev`). */
  env: NodeJS.ProcessEnv;
  appDir?: string;
}): ConvexDev {
  const env: NodeJS.ProcessEnv = {
    ...options.env,
    CONVEX_SELF_HOSTED_URL: options.url,
    CONVEX_SELF_HOSTED_ADMIN_KEY: options.adminKey,
  };
  // A hosted deployment in the shell would make the CLI refuse the self-hosted pair (or pick the cloud).
  delete env.CONVEX_DEPLOYMENT;
  delete env.CONVEX_DEPLOY_KEY;
  const child: ChildProcess = spawn(process.execPath, [convexCli, "dev"], {
    cwd: options.appDir ?? convexAppDir,
    env,
    stdio: ["ignore", "inherit", "inherit"],
  });
  let exited = false;
  child.once("exit", () => (exited = true));
  return {
    stop: () =>
      new Promise<void>((resolve) => {
        if (exited) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}
