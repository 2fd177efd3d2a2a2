// Builds one of the apps for production into its own dist dir and serves it with `next start` on 127.0.0.1: the
// e2e suite and the benchmark both run the apps this way.
import { lookup } from "node:dns/promises";
import { readFileSync, rmSync } from "node:fs";
import { connect } from "node:net";
import { networkInterfaces } from "node:os";
import { join } from "node:path";

import { assertPortsFree } from "./ports";
import type { Owned } from "./process-group";
import { hasExited, RunTimeoutError, runToEnd, startGroup, stopGroup } from "./process-group";

export interface NextAppSpec {
  /** Shown in messages, e.g. "app-router". */
  name: string;
  /** The app's folder: its own node_modules/.bin/next runs there. */
  dir: string;
  /** The build's folder inside `dir` (NEXT_DIST_DIR, read by the apps' next.config.ts): the local ports are baked
   * into the client bundle, so each caller keeps its own and never overwrites `next dev`'s .next. */
  distDir: string;
  /** The child's whole environment (e.g. process.env plus the backends' Convex URL and Clerk keys). */
  env: Record<string, string | undefined>;
}

export interface RunningNextApp {
  /** http://127.0.0.1:<port> */
  url: string;
  process: Owned;
  stop: () => Promise<void>;
}

const nextBin = (app: NextAppSpec) => join(app.dir, "node_modules", ".bin", "next");

function childEnv(app: NextAppSpec): Record<string, string> {
  const defined = Object.entries(app.env).filter(
    (entry): entry is [string, string] => entry[1] !== undefined,
  );
  return {
    ...Object.fromEntries(defined),
    NEXT_DIST_DIR: app.distDir,
    // Read by the apps' next.config.ts: these builds are for tests and the benchmark, and the apps' `typecheck`
    // task (`next typegen && tsgo`) checks the same types once, instead of once per build.
    NEXT_BUILD_SKIP_TYPECHECK: "1",
    NEXT_TELEMETRY_DISABLED: "1",
    NODE_ENV: "production",
  };
}

/**
 * `next build`, bounded by `timeoutMs`; resolves with how long it took in ms. A build that hits the time limit is
 * tried once more without its Turbopack cache (`<distDir>/cache`): a cache left by a build under another
 * next.config, or by another dist dir's build, has been seen to hang `next build` at "Creating an optimized
 * production build" with no CPU use (Next 16.4.6). Without it, the build only loses its head start.
 */
export async function buildNextApp(
  app: NextAppSpec,
  options: { logFile: string; timeoutMs: number },
): Promise<number> {
  const started = performance.now();
  const build = () =>
    runToEnd(`next build (${app.name})`, nextBin(app), ["build"], {
      cwd: app.dir,
      env: childEnv(app),
      logFile: options.logFile,
      timeoutMs: options.timeoutMs,
    });
  try {
    await build();
  } catch (error) {
    if (!(error instanceof RunTimeoutError)) throw error;
    console.warn(`${error.message} Building once more without its Turbopack cache.`);
    rmSync(join(app.dir, app.distDir, "cache"), { recursive: true, force: true });
    await build();
  }
  return performance.now() - started;
}

/*
 * Why `--hostname localhost` and not `--hostname 127.0.0.1` (Next 16.4.6, @clerk/nextjs 7.9.17):
 * - Middleware sees the request URL through NextURL, which rewrites every loopback hostname to "localhost"
 *   (next/dist/server/web/next-url.js:15-19, parseURL).
 * - clerkMiddleware turns the `NextResponse.next()` of every request it lets through into a rewrite to that same
 *   URL, http://localhost:<port>/… (@clerk/nextjs/dist/esm/server/utils.js:44-67, decorateRequest).
 * - The router relativizes that rewrite against `initUrl`, built from the literal --hostname,
 *   http://127.0.0.1:<port> (next/dist/server/lib/router-utils/resolve-routes.js:118 and :468-479). The origins
 *   differ, so it stays absolute and router-server.js:468-470 proxies it as an external rewrite to
 *   http://localhost:<port>/…: this same server, whose middleware rewrites it again. Measured: every request
 *   through the middleware hangs, and the log says "Failed to proxy http://localhost:<port>/…". Upstream:
 *   vercel/next.js#94745 (open; PR #95917 proposes normalizing the hostname in resolve-routes), also #84341.
 *   Neither Clerk's frontendApiProxy nor its proxy URL plays a part: any middleware rewrite to request.url loops.
 * - No option avoids it. `skipProxyUrlNormalize: true` does (request.url keeps 127.0.0.1), but it also hands the
 *   middleware raw /_next/data/<build>/….json URLs, which the protected-route matcher does not match. Measured on
 *   the Pages Router: a signed-out GET of /_next/data/<build>/server-auth.json then gets 200 and runs
 *   getServerSideProps, instead of the redirect to /sign-in.
 * With "localhost" both URLs agree. It binds what `localhost` resolves to, checked below to be 127.0.0.1, and the
 * browser keeps using http://127.0.0.1:<port> (the Host header plays no part in either URL).
 */
const HOSTNAME = "localhost";

async function assertLocalhostIsIpv4Loopback(): Promise<void> {
  // server.listen(port, "localhost") binds the first address dns.lookup returns.
  const { address } = await lookup(HOSTNAME);
  if (address !== "127.0.0.1") {
    throw new Error(
      `"${HOSTNAME}" resolves to ${address} here, so \`next start --hostname ${HOSTNAME}\` would not listen on ` +
        "127.0.0.1 (see the comment in @repo/offline-stack's next-app.ts for why it cannot be 127.0.0.1).",
    );
  }
}

/** Connects or not within a second: is something listening at host:port? */
function accepts(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: 1000 });
    const done = (result: boolean) => {
      socket.destroy();
      resolve(result);
    };
    socket.once("connect", () => done(true));
    socket.once("timeout", () => done(false));
    socket.once("error", () => done(false));
  });
}

/** The server must be reachable from this machine only: refuses connections on every non-loopback address. */
async function assertLoopbackOnly(name: string, port: number): Promise<void> {
  const external = Object.values(networkInterfaces())
    .flatMap((infos) => infos ?? [])
    .filter((info) => !info.internal)
    .map((info) =>
      info.family === "IPv6" && info.scopeid ? `${info.address}%${info.scopeid}` : info.address,
    );
  for (const address of external) {
    if (await accepts(address, port)) {
      throw new Error(`${name} listens on ${address}:${port}, not on 127.0.0.1 only.`);
    }
  }
}

function logTail(logFile: string): string {
  try {
    return readFileSync(logFile, "utf8").trim().split("\n").slice(-5).join("\n");
  } catch {
    return "";
  }
}

async function answers(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { redirect: "manual", signal: AbortSignal.timeout(5_000) });
    await response.body?.cancel();
    return response.status < 500;
  } catch {
    return false;
  }
}

/**
 * Waits until a request to `readyUrl` gets any answer below 500, through the middleware (a 404 path answers as
 * soon as the server is up, without rendering a Convex-backed page). Fails at once when the process exits.
 */
export async function waitServing(
  server: Owned,
  readyUrl: string,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (hasExited(server)) {
      // Whatever it left running would keep its output open (and the port, maybe).
      await stopGroup(server, 0);
      const code = await server.exited;
      const tail = logTail(server.logFile);
      throw new Error(
        `${server.name} exited (code ${String(code)}) before answering ${readyUrl}; log: ${server.logFile}` +
          (tail === "" ? "" : `\n${tail}`),
      );
    }
    if (await answers(readyUrl)) return;
    if (Date.now() > deadline) {
      throw new Error(
        `${server.name} did not answer ${readyUrl} within ${timeoutMs / 1000} s; log: ${server.logFile}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/**
 * `next start` on 127.0.0.1:`port` in its own process group; resolves once it answers and is known to listen on
 * loopback only. On any failure the server is stopped before the error is thrown.
 */
export async function startNextApp(
  app: NextAppSpec,
  options: { port: number; logFile: string; timeoutMs: number; readyPath?: string },
): Promise<RunningNextApp> {
  await assertPortsFree([options.port]);
  await assertLocalhostIsIpv4Loopback();
  const server = startGroup(
    `next start (${app.name})`,
    nextBin(app),
    ["start", "--hostname", HOSTNAME, "--port", String(options.port)],
    { cwd: app.dir, env: childEnv(app), logFile: options.logFile },
  );
  const url = `http://127.0.0.1:${options.port}`;
  try {
    await waitServing(server, `${url}${options.readyPath ?? "/__ready"}`, options.timeoutMs);
    await assertLoopbackOnly(server.name, options.port);
  } catch (error) {
    await stopGroup(server);
    throw error;
  }
  return { url, process: server, stop: () => stopGroup(server) };
}
