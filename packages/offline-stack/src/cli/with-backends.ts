// with-backends [--env-only] -- <command...>
// Runs an app command on hosted Convex + the auth provider AUTH_PROVIDER names when their env is set, on a
// self-hosted Convex deployment when CONVEX_SELF_HOSTED_URL + CONVEX_SELF_HOSTED_ADMIN_KEY are, else on the local
// servers.
import { spawn } from "node:child_process";

import { loadAppEnv, readSettings } from "../env";
import { chooseMode, ModeError } from "../mode";
import { selfHostedAppEnv, SelfHostedError } from "../self-hosted";
import { ensureStack, stackEnv } from "../stack";

const args = process.argv.slice(2);
const separator = args.indexOf("--");
const flags = separator === -1 ? args : args.slice(0, separator);
const command = separator === -1 ? [] : args.slice(separator + 1);
const [program, ...programArgs] = command;
if (program === undefined || flags.some((flag) => flag !== "--env-only")) {
  console.error("usage: with-backends [--env-only] -- <command> [args...]");
  process.exit(2);
}

const isDev = programArgs.includes("dev");
const appEnv = loadAppEnv(process.cwd(), isDev);

let mode;
try {
  mode = chooseMode(appEnv);
} catch (error) {
  if (!(error instanceof ModeError)) throw error;
  console.error(`with-backends: ${error.message}`);
  process.exit(1);
}

let extraEnv: Record<string, string> = {};
let stop = (): Promise<void> => Promise.resolve();
if (mode === "hosted") {
  console.log(
    `with-backends: hosted Convex + ${readSettings().authProvider} (keys found in env); nothing local starts.`,
  );
} else if (mode === "self-hosted") {
  try {
    extraEnv = await selfHostedAppEnv(appEnv);
  } catch (error) {
    if (!(error instanceof SelfHostedError)) throw error;
    console.error(`with-backends: ${error.message}`);
    process.exit(1);
  }
  console.log(
    `with-backends: self-hosted Convex at ${appEnv.CONVEX_SELF_HOSTED_URL ?? ""} + ` +
      `${readSettings().authProvider} (keys found in env); nothing local starts.`,
  );
} else if (flags.includes("--env-only")) {
  extraEnv = await stackEnv(readSettings());
} else {
  // `next dev` gets Convex's dev loop too (convex dev pushing convex/); build/start serve it as is.
  const stack = await ensureStack(readSettings(), { convexDev: isDev });
  extraEnv = stack.env;
  stop = () => stack.stop();
  console.log(
    `with-backends: offline stack ${stack.owned ? "started" : "already running, reused"} ` +
      `(Convex ${extraEnv.NEXT_PUBLIC_CONVEX_URL}).`,
  );
}

const child = spawn(program, programArgs, { stdio: "inherit", env: { ...appEnv, ...extraEnv } });
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => child.kill(signal));
}
child.on("exit", (code, signal) => {
  void stop().finally(() => process.exit(code ?? (signal === null ? 1 : 128)));
});
