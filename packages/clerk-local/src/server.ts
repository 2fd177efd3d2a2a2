// Starts the local Clerk server: Frontend API, Backend API, OIDC discovery + JWKS (for Convex), and the browser bundles.
import { createReadStream } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

import { ensureAssets, resolveAsset } from "./assets";
import { authorizeUnmatched } from "./bapi";
import type { ServerContext } from "./context";
import { ExpiringMap } from "./expiring-map";
import { hostedPageHtml, isHostedPath } from "./hosted-pages";
import { ApiError, corsHeaders, parseRequest, sendJson } from "./http";
import { loadOrCreateKeys } from "./keys";
import { router } from "./routes";
import { settingsFileFromEnv } from "./env";
import { loadSettings } from "./settings";
import type { LockoutPolicy } from "./store";
import { Store } from "./store";

export interface ClerkLocalOptions {
  port: number;
  host?: string;
  dataDir: string;
  applicationName?: string;
  /** The settings file (default: CLERK_LOCAL_SETTINGS, else `<dataDir>/clerk-local.json` if present); src/settings.ts. */
  settingsFile?: string;
  /** Fetch the browser bundles if missing (default true; tests of the APIs alone can skip it). */
  assets?: boolean;
  /**
   * User lockout after failed sign-in attempts (default: the settings file's, else Clerk's, 10 attempts / 1 hour);
   * `maxAttempts: 0` disables it.
   */
  lockout?: LockoutPolicy;
  /** Clients with a sign-in or sign-up in progress but no session kept at most (default 10,000); past it, 429. */
  maxPendingClients?: number;
}

/** A handshake nonce is redeemed by the app's very next request; unredeemed ones expire, and at most this many wait. */
const HANDSHAKE_NONCE_TTL_MS = 5 * 60 * 1000;
const MAX_HANDSHAKE_NONCES = 10_000;

export interface ClerkLocal {
  url: string;
  /** `iss` of the "convex" template tokens; serves `/.well-known/openid-configuration`. */
  issuer: string;
  secretKey: string;
  stop(): Promise<void>;
}

async function route(context: ServerContext, request: IncomingMessage, response: ServerResponse) {
  if (request.method === "OPTIONS") {
    response.writeHead(204, corsHeaders(request));
    response.end();
    return;
  }
  const parsed = await parseRequest(request);
  if (isHostedPath(parsed.path) && parsed.method === "GET") {
    response.writeHead(200, {
      "content-type": "text/html; charset=utf-8",
      "cache-control": "no-store",
      // The page is this server's own: it must not be framed by another site (clickjacking the password form).
      "x-frame-options": "DENY",
    });
    response.end(hostedPageHtml(parsed.path));
    return;
  }
  const asset = resolveAsset(parsed.path);
  if (asset?.kind === "unserved") {
    console.warn(`clerk-local: ${asset.message}`);
    response.writeHead(404, {
      ...corsHeaders(request),
      "content-type": "text/plain; charset=utf-8",
    });
    response.end(asset.message);
    return;
  }
  if (asset !== null) {
    response.writeHead(200, {
      ...corsHeaders(request),
      "content-type": asset.type,
      "cache-control": "public, max-age=31536000, immutable",
    });
    createReadStream(asset.file).pipe(response);
    return;
  }
  const matched = router.match(parsed.method, parsed.path);
  if (matched === null) {
    authorizeUnmatched(context, parsed);
    throw new ApiError(404, "resource_not_found", `No route ${parsed.method} ${parsed.path}.`);
  }
  const result = await matched.handler(context, parsed, matched.params);
  if (result.kind === "redirect") {
    response.writeHead(307, { location: result.location, "cache-control": "no-store" });
    response.end();
    return;
  }
  sendJson(request, response, result.status, result.body, result.headers);
}

export async function startClerkLocal(options: ClerkLocalOptions): Promise<ClerkLocal> {
  const host = options.host ?? "127.0.0.1";
  // First: a bad settings file stops the start before anything is fetched or written.
  const settings = loadSettings(options.dataDir, options.settingsFile ?? settingsFileFromEnv());
  if (options.assets !== false) ensureAssets(console.log);
  const keys = loadOrCreateKeys(options.dataDir);
  const store = new Store(options.dataDir, options.maxPendingClients);
  const context: ServerContext = {
    store,
    keys,
    issuer: "",
    applicationName:
      options.applicationName ?? settings.applicationName ?? "Convex + Next.js (offline)",
    settings,
    lockout: options.lockout ?? settings.lockout,
    handshakeNonces: new ExpiringMap(HANDSHAKE_NONCE_TTL_MS, MAX_HANDSHAKE_NONCES),
  };
  const server = createServer((request, response) => {
    route(context, request, response).catch((error: unknown) => {
      if (error instanceof ApiError) {
        sendJson(request, response, error.status, error.toJson());
        return;
      }
      console.error("clerk-local: internal error:", error);
      if (!response.headersSent)
        sendJson(
          request,
          response,
          500,
          new ApiError(500, "internal_error", "Internal error.").toJson(),
        );
      else response.end();
    });
  });
  const port = await new Promise<number>((resolvePort, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) =>
      reject(
        error.code === "EADDRINUSE"
          ? new Error(
              `Port ${options.port} on ${host} is in use: stop what runs there or set CLERK_LOCAL_PORT.`,
            )
          : error,
      ),
    );
    server.listen(options.port, host, () => resolvePort((server.address() as AddressInfo).port));
  });
  const url = `http://${host}:${port}`;
  context.issuer = url;
  return {
    url,
    issuer: url,
    secretKey: keys.secretKey,
    stop: () =>
      new Promise((resolveStop) => {
        server.closeAllConnections();
        server.close(() => {
          store.close();
          resolveStop();
        });
      }),
  };
}
