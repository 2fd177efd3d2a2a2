// Starts the local Clerk server: Frontend API, Backend API, OIDC discovery + JWKS (for Convex), and the browser bundles.
import { createReadStream } from "node:fs";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import { createServer } from "node:http";
import { createServer as createHttpsServer } from "node:https";

import { answerPreflight } from "@repo/local-server/cors";
import { listen } from "@repo/local-server/listen";

import { ensureAssets, resolveAsset } from "./assets";
import { authorizeUnmatched } from "./bapi";
import type { ServerContext } from "./context";
import { convexIntegrationFromEnv, settingsFileFromEnv, webhookUrlFromEnv } from "./env";
import { ExpiringMap } from "./expiring-map";
import { hostedPageHtml, isHostedPath } from "./hosted-pages";
import { ApiError, CORS_POLICY, corsHeaders, parseRequest, sendJson } from "./http";
import { loadOrCreateHttpsCert } from "./https-cert";
import { SESSION_ISSUER } from "./instance";
import { loadOrCreateKeys } from "./keys";
import { refuseCrossOriginWrite } from "./origin-check";
import { router } from "./routes";
import type { ConvexIntegration } from "./settings";
import { loadSettings } from "./settings";
import type { LockoutPolicy } from "./store";
import { Store } from "./store";
import type { WebhookSenderOptions } from "./webhooks";
import { loadOrCreateWebhookSecret, WebhookSender } from "./webhooks";

export interface ClerkLocalOptions {
  port: number;
  host?: string;
  dataDir: string;
  applicationName?: string;
  /**
   * Also serve everything over HTTPS on this port (0: any free one), with a self-signed certificate generated on
   * first start and kept in the data dir (`https-cert.json`).
   */
  httpsPort?: number;
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
  /** Users at most, seeded included (default 100, Clerk's development-instance cap); past it, 403. */
  maxUsers?: number;
  /**
   * Clerk's Convex setup: "native" (the Convex integration: session tokens with `aud: "convex"`) or "template" (a
   * `convex` JWT template). Default: CLERK_LOCAL_CONVEX_INTEGRATION, else the settings file's, else "native".
   */
  convexIntegration?: ConvexIntegration;
  /**
   * Where Clerk's webhooks go (default: CLERK_LOCAL_WEBHOOK_URL, else the settings file's `webhookUrl`, else none),
   * signed with this instance's secret (`webhook.secret`); `retryDelaysMs` shortens Svix's schedule in tests.
   */
  webhook?: { url: string } & Pick<WebhookSenderOptions, "retryDelaysMs" | "attemptTimeoutMs">;
}

/** A handshake nonce is redeemed by the app's very next request; unredeemed ones expire, and at most this many wait. */
const HANDSHAKE_NONCE_TTL_MS = 5 * 60 * 1000;
const MAX_HANDSHAKE_NONCES = 10_000;

export interface ClerkLocal {
  url: string;
  /**
   * The issuer Convex must trust (CLERK_JWT_ISSUER_DOMAIN): the `iss` of the tokens Convex gets. With the Convex
   * integration that is Clerk's Frontend API URL (the session tokens'), else this server's URL (the template's).
   */
  issuer: string;
  convexIntegration: ConvexIntegration;
  /**
   * Issuer -> where its OIDC discovery is served, for an issuer whose host does not resolve offline (the Frontend
   * API host, with the Convex integration): what the local Convex backend needs to find the keys.
   */
  oidcDiscovery: Record<string, string>;
  /**
   * Clerk's webhooks: the endpoint they go to (null: none) and its Svix signing secret (generated on first start,
   * kept in `<data dir>/webhook-secret.json`), which the receiver verifies them with.
   */
  webhook: { url: string | null; secret: string; sender: WebhookSender | null };
  secretKey: string;
  /** The HTTPS listener (with `httpsPort`): its URL, its self-signed certificate and that certificate's SPKI hash. */
  https: { url: string; spkiHash: string; cert: string } | null;
  stop(): Promise<void>;
}

async function route(context: ServerContext, request: IncomingMessage, response: ServerResponse) {
  if (request.method === "OPTIONS") {
    answerPreflight(request, response, CORS_POLICY);
    return;
  }
  const parsed = await parseRequest(request);
  refuseCrossOriginWrite(request, parsed);
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
  const fromFile = loadSettings(options.dataDir, options.settingsFile ?? settingsFileFromEnv());
  const settings = {
    ...fromFile,
    convexIntegration:
      options.convexIntegration ?? convexIntegrationFromEnv() ?? fromFile.convexIntegration,
  };
  if (options.assets !== false) ensureAssets(console.log);
  const keys = loadOrCreateKeys(options.dataDir);
  const webhookSecret = loadOrCreateWebhookSecret(options.dataDir);
  const webhookUrl = options.webhook?.url ?? webhookUrlFromEnv() ?? fromFile.webhookUrl;
  // Before the store: seeding the users on a first start sends their user.created events too.
  const sender =
    webhookUrl === null
      ? null
      : new WebhookSender({
          endpoint: { url: webhookUrl, secret: webhookSecret },
          retryDelaysMs: options.webhook?.retryDelaysMs,
          attemptTimeoutMs: options.webhook?.attemptTimeoutMs,
          log: console.warn,
        });
  const store = new Store(options.dataDir, {
    maxPendingClients: options.maxPendingClients,
    maxUsers: options.maxUsers,
    onUserChange: sender === null ? undefined : (type, user) => sender.send(type, user),
  });
  const context: ServerContext = {
    store,
    keys,
    url: "",
    issuer: "",
    applicationName:
      options.applicationName ?? settings.applicationName ?? "Convex + Next.js (offline)",
    settings,
    lockout: options.lockout ?? settings.lockout,
    handshakeNonces: new ExpiringMap(HANDSHAKE_NONCE_TTL_MS, MAX_HANDSHAKE_NONCES),
  };
  const handler = (request: IncomingMessage, response: ServerResponse) => {
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
  };
  const server = createServer(handler);
  const port = await listen(server, options.port, host, { portEnvName: "CLERK_LOCAL_PORT" });
  // The same routes over TLS, for SDK code that builds `https://` URLs itself.
  const cert =
    options.httpsPort === undefined ? null : await loadOrCreateHttpsCert(options.dataDir);
  const secure =
    cert === null ? null : createHttpsServer({ cert: cert.cert, key: cert.key }, handler);
  const httpsPort =
    secure === null || options.httpsPort === undefined
      ? null
      : await listen(secure, options.httpsPort, host, { portEnvName: "CLERK_LOCAL_HTTPS_PORT" });
  const url = `http://${host}:${port}`;
  context.url = url;
  context.issuer = settings.convexIntegration === "native" ? SESSION_ISSUER : url;
  const close = (instance: Server) =>
    new Promise<void>((resolveClose) => {
      instance.closeAllConnections();
      instance.close(() => resolveClose());
    });
  return {
    url,
    issuer: context.issuer,
    convexIntegration: settings.convexIntegration,
    oidcDiscovery: context.issuer === url ? {} : { [context.issuer]: url },
    webhook: { url: webhookUrl, secret: webhookSecret, sender },
    secretKey: keys.secretKey,
    https:
      cert === null || httpsPort === null
        ? null
        : { url: `https://${host}:${httpsPort}`, spkiHash: cert.spkiHash, cert: cert.cert },
    stop: async () => {
      sender?.stop();
      await Promise.all([close(server), ...(secure === null ? [] : [close(secure)])]);
      store.close();
    },
  };
}
