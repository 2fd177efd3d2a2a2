// Starts the local backend: Convex's HTTP API and WebSocket sync on `port`, HTTP actions on `sitePort`.
import type { IncomingMessage, ServerResponse } from "node:http";
import { createServer } from "node:http";
import { join } from "node:path";

import { listen } from "@repo/local-server/listen";
import { WebSocketServer } from "ws";

import { loadOrCreateAdminKey } from "./admin-key";
import { TokenVerifier } from "./auth";
import { Engine, loadAuthConfig } from "./engine";
import { applyDeploymentEnv } from "./env";
import { defaultFunctionsDir } from "./functions";
import { MAX_BODY_BYTES, readBody, requestUrl, sendError } from "./http";
import { installLogCapture, setLogSink } from "./log-capture";
import { handleApi } from "./routes";
import { loadAtStartup } from "./startup";
import { SyncHub } from "./sync";

export interface ConvexLocalOptions {
  port: number;
  sitePort: number;
  host?: string;
  /** Data folder; null keeps everything in memory (tests). */
  dataDir: string | null;
  /** Deployment env vars the functions and auth.config.ts read (e.g. CLERK_JWT_ISSUER_DOMAIN). */
  env?: Record<string, string>;
  functionsDir?: string;
  /** Stream function logs to the terminal (default true). */
  logs?: boolean;
  instanceName?: string;
  /** The largest file storage accepts, in bytes (default: ./storage DEFAULT_MAX_FILE_BYTES). */
  maxFileBytes?: number;
}

export interface ConvexLocal {
  url: string;
  /** The admin key the CLI sends (CONVEX_SELF_HOSTED_ADMIN_KEY): the data dir's, or a fresh one in memory. */
  adminKey: string;
  siteUrl: string;
  functionsDir: string;
  dataDir: string | null;
  tables: string[];
  documentCount: number;
  authProviders: string[];
  publicFunctions: string[];
  /** The crons.ts jobs that run, and those that cannot (with why; also printed at start-up). */
  crons: { running: string[]; notRunning: string[] };
  /** Cuts every WebSocket connection, as a network drop would (clients reconnect by themselves). */
  dropConnections(): void;
  stop(): Promise<void>;
}

const SYNC_PATH = /^\/api\/[^/]+\/sync$/;

async function serveHttpAction(engine: Engine, request: IncomingMessage, response: ServerResponse) {
  const url = requestUrl(request);
  const body =
    request.method === "GET" || request.method === "HEAD" ? undefined : await readBody(request);
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (typeof value === "string") headers.set(name, value);
  }
  const result = await engine.fetchHttp(`${url.pathname}${url.search}`, {
    method: request.method ?? "GET",
    headers,
    body: body === undefined ? undefined : new Uint8Array(body),
  });
  response.writeHead(result.status, Object.fromEntries(result.headers));
  response.end(Buffer.from(await result.arrayBuffer()));
}

export async function startConvexLocal(options: ConvexLocalOptions): Promise<ConvexLocal> {
  const host = options.host ?? "127.0.0.1";
  const functionsDir = options.functionsDir ?? defaultFunctionsDir();
  applyDeploymentEnv(options.env ?? {});
  installLogCapture();
  if (options.logs === false) setLogSink(null);

  const verifier = await loadAtStartup(join(functionsDir, "auth.config.ts"), async () =>
    TokenVerifier.fromConfig(await loadAuthConfig(functionsDir)),
  );
  const engine = await Engine.create({
    functionsDir,
    dataDir: options.dataDir,
    maxFileBytes: options.maxFileBytes,
  });
  const hub = new SyncHub(engine, verifier);
  const instanceName = options.instanceName ?? "local";
  const context = {
    engine,
    verifier,
    instanceName,
    adminKey: loadOrCreateAdminKey(options.dataDir, instanceName),
  };

  const api = createServer((request, response) => {
    void handleApi(context, request, response);
  });
  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_BODY_BYTES });
  api.on("upgrade", (request, socket, head) => {
    // A target that is not a URL is no sync path (and must not throw here, outside any request handler).
    const path = URL.parse(request.url ?? "/", "http://localhost")?.pathname ?? "";
    if (!SYNC_PATH.test(path)) {
      socket.end("HTTP/1.1 404 Not Found\r\n\r\n");
      return;
    }
    sockets.handleUpgrade(request, socket, head, (ws) => hub.accept(ws));
  });
  const site = createServer((request, response) => {
    serveHttpAction(engine, request, response).catch((error: unknown) =>
      sendError(request, response, error),
    );
  });

  const unsupported = engine.crons?.problems ?? [];
  if (unsupported.length > 0 && options.logs !== false) {
    console.warn(
      `convex-local: ${unsupported.length} job(s) in crons.ts will NOT run locally:\n  ${unsupported.join("\n  ")}`,
    );
  }

  let port: number;
  let sitePort: number;
  try {
    port = await listen(api, options.port, host, { portEnvName: "CONVEX_LOCAL_PORT" });
    sitePort = await listen(site, options.sitePort, host, {
      portEnvName: "CONVEX_LOCAL_SITE_PORT",
    });
  } catch (error) {
    api.close();
    site.close();
    hub.close();
    engine.close();
    throw error;
  }

  engine.files.origin = `http://${host}:${port}`;
  return {
    url: `http://${host}:${port}`,
    adminKey: context.adminKey,
    siteUrl: `http://${host}:${sitePort}`,
    functionsDir,
    dataDir: options.dataDir,
    tables: engine.tables,
    documentCount: engine.documentCount,
    authProviders: verifier.describe(),
    publicFunctions: await engine.publicFunctions(),
    crons: { running: engine.crons?.jobs ?? [], notRunning: engine.crons?.problems ?? [] },
    dropConnections: () => hub.dropConnections(),
    stop: async () => {
      hub.close();
      sockets.close();
      api.closeAllConnections();
      site.closeAllConnections();
      await Promise.all([new Promise((r) => api.close(r)), new Promise((r) => site.close(r))]);
      engine.close();
    },
  };
}
