// convex-local: runs the local backend in the foreground, restarting it when convex/ changes.
import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { watch } from "node:fs";
import { fileURLToPath } from "node:url";

import { readCliSettings } from "./env";
import { defaultFunctionsDir } from "./functions";
import { FileStore } from "./persistence";
import { startConvexLocal } from "./server";

const argv = process.argv.slice(2);
let settings: ReturnType<typeof readCliSettings>;
try {
  settings = readCliSettings(argv);
} catch (error) {
  console.error((error as Error).message);
  process.exit(2);
}

if (settings.reset) {
  if (settings.dataDir !== null) FileStore.reset(settings.dataDir);
  console.log(`convex-local: deleted ${settings.dataDir ?? "(in-memory: nothing to delete)"}`);
  process.exit(0);
}

if (settings.watch) {
  supervise();
} else {
  await serve();
}

async function serve(): Promise<void> {
  const started = Date.now();
  let server;
  try {
    server = await startConvexLocal({
      port: settings.port,
      sitePort: settings.sitePort,
      dataDir: settings.dataDir,
      env: settings.functionEnv,
      maxFileBytes: settings.maxFileBytes,
    });
  } catch (error) {
    console.error(
      `convex-local: failed to start: ${error instanceof Error ? error.message : String(error)}`,
    );
    process.exit(1);
  }
  console.log(
    [
      `convex-local ready in ${Date.now() - started} ms`,
      `  URL (NEXT_PUBLIC_CONVEX_URL):  ${server.url}`,
      `  HTTP actions:                  ${server.siteUrl}`,
      `  source:                        ${server.functionsDir}`,
      `  data:                          ${server.dataDir ?? "in memory"} (${server.documentCount} documents; reset: pnpm --filter @repo/convex-local reset)`,
      `  public functions (${server.publicFunctions.length}):          ${server.publicFunctions.join(", ")}`,
      `  tables:                        ${server.tables.join(", ")}`,
      `  auth providers:                ${server.authProviders.join("; ") || "none"}`,
    ].join("\n"),
  );
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => void server.stop().finally(() => process.exit(0)));
  }
}

/** Runs the server as a child and restarts it on changes, so edited functions load fresh. */
function supervise(): void {
  const functionsDir = defaultFunctionsDir();
  const entry = fileURLToPath(new URL("../bin/convex-local.js", import.meta.url));
  let child: ChildProcess | null = null;
  let stopping = false;
  let timer: NodeJS.Timeout | undefined;

  const start = () => {
    child = spawn(process.execPath, [entry, ...argv, "--no-watch"], { stdio: "inherit" });
    child.on("exit", (code, signal) => {
      child = null;
      if (stopping) process.exit(0);
      if (signal !== "SIGTERM")
        console.error(
          `convex-local: server exited (${code ?? signal}); waiting for changes in convex/.`,
        );
    });
  };
  const restart = () => {
    console.log("convex-local: convex/ changed, reloading functions");
    if (child === null) return start();
    child.once("exit", start);
    child.kill("SIGTERM");
  };
  watch(functionsDir, { recursive: true }, (_event, file) => {
    if (file === null || /(^|[/\\])(node_modules|\.)/.test(file)) return;
    clearTimeout(timer);
    timer = setTimeout(restart, 150);
  });
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      stopping = true;
      if (child === null) process.exit(0);
      child.kill("SIGTERM");
    });
  }
  start();
}
