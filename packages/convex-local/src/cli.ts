// convex-local: runs the local backend in the foreground, restarting it when convex/ changes or when it crashes.
import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { watch } from "node:fs";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

import { readCliSettings, USAGE } from "./env";
import { defaultFunctionsDir } from "./functions";
import { FileStore } from "./persistence";
import { startConvexLocal } from "./server";

/** A crashed server is restarted after 0.5 s, doubling up to 30 s while it keeps crashing soon after start. */
const RESTART_DELAY_MS = { first: 500, max: 30_000 };
/** Up this long, a server counts as healthy again: its next crash restarts it after the first delay. */
const HEALTHY_AFTER_MS = 30_000;
/** How many of the crashed server's last stderr lines the supervisor repeats. */
const ERROR_LINES = 8;

const argv = process.argv.slice(2);
let settings: ReturnType<typeof readCliSettings>;
try {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      port: { type: "string" },
      "site-port": { type: "string" },
      "data-dir": { type: "string" },
      "in-memory": { type: "boolean" },
      reset: { type: "boolean" },
      "no-watch": { type: "boolean" },
      "max-file-bytes": { type: "string" },
    },
  });
  settings = readCliSettings(values);
} catch (error) {
  const message = (error as Error).message;
  console.error(message.includes(USAGE) ? message : `${message}\n${USAGE}`);
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
      maxFileBytes: settings.maxFileBytes,
      env: settings.env,
      oidcDiscovery: settings.oidcDiscovery,
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
      `  admin key (CONVEX_SELF_HOSTED_ADMIN_KEY): ${server.adminKey}`,
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

/**
 * Runs the server as a child: restarts it on changes (so edited functions load fresh) and after a crash, with
 * backoff, saying why (exit code or signal and its last error lines).
 */
function supervise(): void {
  const functionsDir = defaultFunctionsDir();
  const entry = fileURLToPath(new URL("../bin/convex-local.js", import.meta.url));
  let child: ChildProcess | null = null;
  let stopping = false;
  let reloading = false;
  let crashes = 0;
  let debounce: NodeJS.Timeout | undefined;
  let pendingRestart: NodeJS.Timeout | undefined;

  const start = () => {
    pendingRestart = undefined;
    const startedAt = Date.now();
    const errorLines: string[] = [];
    const server = spawn(process.execPath, [entry, ...argv, "--no-watch"], {
      stdio: ["inherit", "inherit", "pipe"],
    });
    child = server;
    server.stderr.on("data", (chunk: Buffer) => {
      process.stderr.write(chunk);
      errorLines.push(
        ...chunk
          .toString("utf8")
          .split("\n")
          .filter((line) => line.trim() !== ""),
      );
      errorLines.splice(0, Math.max(0, errorLines.length - ERROR_LINES));
    });
    server.on("exit", (code, signal) => {
      child = null;
      if (stopping) process.exit(0);
      if (reloading) {
        reloading = false;
        start();
        return;
      }
      if (Date.now() - startedAt > HEALTHY_AFTER_MS) crashes = 0;
      const delay = Math.min(RESTART_DELAY_MS.max, RESTART_DELAY_MS.first * 2 ** crashes);
      crashes++;
      const how = signal === null ? `exit code ${code ?? "unknown"}` : `signal ${signal}`;
      const last =
        errorLines.length === 0
          ? ""
          : `\n  last error output:\n${errorLines.map((line) => `    ${line}`).join("\n")}`;
      console.error(
        `convex-local: server stopped unexpectedly (${how}); restarting in ${delay} ms (crash ${crashes} in a row).${last}`,
      );
      pendingRestart = setTimeout(start, delay);
    });
  };
  const reload = () => {
    console.log("convex-local: convex/ changed, reloading functions");
    crashes = 0;
    if (child === null) {
      // Down after a crash: the change may be the fix, so start now.
      clearTimeout(pendingRestart);
      start();
      return;
    }
    reloading = true;
    child.kill("SIGTERM");
  };
  // The whole package, not only its functions folder: functions import modules beside it (@repo/convex's shared/).
  watch(dirname(functionsDir), { recursive: true }, (_event, file) => {
    if (file === null || /(^|[/\\])(node_modules|\.)/.test(file)) return;
    clearTimeout(debounce);
    debounce = setTimeout(reload, 150);
  });
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      stopping = true;
      clearTimeout(pendingRestart);
      if (child === null) process.exit(0);
      else child.kill("SIGTERM");
    });
  }
  start();
}
