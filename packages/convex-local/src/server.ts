// Starts the local backend: Convex's HTTP API and WebSocket sync on `port`, HTTP actions on `sitePort`.
import type { IncomingMessage, ServerResponse } from "node:http";
import { createServer } from "node:http";
import { join } from "node:path";

import { listen } from "@repo/local-server/listen";
import { WebSocketServer } from "ws";

import { loadOrCreateAdminKey } from "./admin-key";
import { TokenVerifier } from "./auth";
import { DeploymentEnv, runWithDeploymentEnv } from "./deployment-env";
import { Engine, loadAuthConfig } from "./engine";
import { defaultFunctionsDir } from "./functions";
import type { ApiContext } from "./http";
import { HttpError, MAX_BODY_BYTES, readBody, requestUrl, sendError } from "./http";
import { installLogCapture, setLogSink } from "./log-capture";
import { ModuleSets } from "./push/module-sets";
import { PushService } from "./push/service";
import { handleApi } from "./routes";
import { loadAtStartup, openDataFolder } from "./startup";
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
  /** Issuer -> where its OIDC discovery is served, for issuers whose host does not resolve here (src/auth.ts). */
  oidcDiscovery?: Record<string, string>;
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
  // What functions and auth.config.ts see as process.env: this deployment's variables, never the shell's.
  const instanceName = options.instanceName ?? "local";
  const { deploymentEnv, adminKey, moduleSets } = openDataFolder(
    options.dataDir ?? "(in memory)",
    () => ({
      deploymentEnv: DeploymentEnv.open(options.dataDir, options.env ?? {}),
      adminKey: loadOrCreateAdminKey(options.dataDir, instanceName),
      moduleSets: ModuleSets.open(options.dataDir),
    }),
  );
  // The last accepted push serves; before any, the source folder does.
  const functionsDir = moduleSets.current()?.dir ?? options.functionsDir ?? defaultFunctionsDir();
  const inDeployment = <T>(fn: () => T): T => runWithDeploymentEnv(deploymentEnv, fn);
  installLogCapture();
  if (options.logs === false) setLogSink(null);

  // The ports are bound before anything of the app loads, so CONVEX_CLOUD_URL / CONVEX_SITE_URL are set for
  // auth.config.ts and module top-level code too; until the app is loaded every request is a 503.
  let serving: { context: ApiContext; hub: SyncHub } | null = null;
  const notReady = (request: IncomingMessage, response: ServerResponse) =>
    sendError(request, response, new HttpError(503, "NotReady", "convex-local is starting."));
  const api = createServer((request, response) => {
    if (serving === null) return notReady(request, response);
    const { context } = serving;
    inDeployment(() => void handleApi(context, request, response));
  });
  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_BODY_BYTES });
  api.on("upgrade", (request, socket, head) => {
    // A target that is not a URL is no sync path (and must not throw here, outside any request handler).
    const path = URL.parse(request.url ?? "/", "http://localhost")?.pathname ?? "";
    const hub = serving?.hub;
    if (!SYNC_PATH.test(path) || hub === undefined) {
      socket.end(
        `HTTP/1.1 ${hub === undefined ? "503 Service Unavailable" : "404 Not Found"}\r\n\r\n`,
      );
      return;
    }
    sockets.handleUpgrade(request, socket, head, (ws) => inDeployment(() => hub.accept(ws)));
  });
  const site = createServer((request, response) => {
    if (serving === null) return notReady(request, response);
    const { engine } = serving.context;
    void inDeployment(() =>
      serveHttpAction(engine, request, response).catch((error: unknown) =>
        sendError(request, response, error),
      ),
    );
  });

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
    moduleSets.close();
    throw error;
  }
  const closeServers = async () => {
    sockets.close();
    api.closeAllConnections();
    site.closeAllConnections();
    await Promise.all([new Promise((r) => api.close(r)), new Promise((r) => site.close(r))]);
  };
  deploymentEnv.setSystemUrls(`http://${host}:${port}`, `http://${host}:${sitePort}`);

  let engine: Engine;
  let verifier: TokenVerifier;
  try {
    verifier = await inDeployment(() =>
      loadAtStartup(join(functionsDir, "auth.config.ts"), async () =>
        TokenVerifier.fromConfig(await loadAuthConfig(functionsDir), options.oidcDiscovery),
      ),
    );
    engine = await inDeployment(() =>
      Engine.create({ functionsDir, dataDir: options.dataDir, maxFileBytes: options.maxFileBytes }),
    );
  } catch (error) {
    await closeServers();
    moduleSets.close();
    throw error;
  }
  const push = new PushService(engine, verifier, moduleSets, () =>
    Object.fromEntries(deploymentEnv.list().map(({ name, value }) => [name, value])),
  );
  const context: ApiContext = { engine, verifier, instanceName, adminKey, deploymentEnv, push };
  const hub = new SyncHub(engine, verifier, { adminKey, deploymentEnv });
  serving = { context, hub };

  const unsupported = engine.crons?.problems ?? [];
  if (unsupported.length > 0 && options.logs !== false) {
    console.warn(
      `convex-local: ${unsupported.length} job(s) in crons.ts will NOT run locally:\n  ${unsupported.join("\n  ")}`,
    );
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
      await closeServers();
      engine.close();
      push.close();
    },
  };
}
