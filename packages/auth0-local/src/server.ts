// Starts the local Auth0-compatible server: oidc-provider at Auth0's paths, the login page, /v2/logout and /health.
import type { IncomingMessage, ServerResponse } from "node:http";
import { createServer } from "node:http";

import { listen } from "@repo/local-server/listen";
import { errors } from "oidc-provider";

import type { SeedUser } from "./accounts";
import { Accounts } from "./accounts";
import { fileAdapter } from "./adapter";
import type { Auth0LocalClient } from "./clients";
import { defaultClients, toClientMetadata } from "./clients";
import type { Flavor } from "./flavor";
import { FLAVORS } from "./flavor";
import { HttpError, sendJson } from "./http";
import { loadOrCreateKeys } from "./keys";
import { renderMessagePage } from "./pages";
import { createProvider } from "./provider";
import { refreshReuseInterval, REUSE_INTERVAL_MS } from "./refresh-grace";
import type { RouteContext } from "./routes";
import { routeTable } from "./routes";

export interface Auth0LocalOptions {
  port: number;
  /** Interface to listen on (default 127.0.0.1). */
  host?: string;
  dataDir: string;
  /** The applications (default: the two Next.js apps on localhost:3000 and :3001). */
  clients?: Auth0LocalClient[];
  /** API identifiers an `audience` may name (access tokens for them are JWTs). */
  audiences?: string[];
  /** "auth0" (default): an Auth0 tenant; "oidc": a plain OpenID provider (src/flavor.ts). */
  flavor?: Flavor;
  /** ID token lifetime in seconds (default: the flavor's, 10 h for Auth0, 1 h plain). */
  idTokenTtl?: number;
  /**
   * Users seeded besides the shared ones, each optionally with an ID token lifetime of its own: how a test gets
   * tokens that expire within a minute for one user without shortening everyone's.
   */
  extraUsers?: (SeedUser & { idTokenTtl?: number })[];
  /** The oidc flavor's reuse interval for rotated refresh tokens, in ms (default 30 s; 0: strict, as Auth0's). */
  refreshReuseIntervalMs?: number;
}

export interface Auth0Local {
  /** Base URL, `http://localhost:<port>`: what AUTH0_DOMAIN is set to offline (OIDC_ISSUER is the issuer). */
  url: string;
  /** The `iss` of every token: the URL plus "/", Auth0's `https://<domain>/` form. */
  issuer: string;
  stop(): Promise<void>;
}

export async function startAuth0Local(options: Auth0LocalOptions): Promise<Auth0Local> {
  const host = options.host ?? "127.0.0.1";
  const flavorName = options.flavor ?? "auth0";
  const flavor = {
    ...FLAVORS[flavorName],
    ...(options.idTokenTtl === undefined ? {} : { idTokenTtl: options.idTokenTtl }),
  };
  const extraUsers = options.extraUsers ?? [];
  for (const ttl of [flavor.idTokenTtl, ...extraUsers.map((user) => user.idTokenTtl)]) {
    if (ttl !== undefined && (!Number.isInteger(ttl) || ttl < 1)) {
      throw new Error(`${flavor.name}: idTokenTtl must be a whole number of seconds (got ${ttl}).`);
    }
  }
  const ttlByEmail = new Map(
    extraUsers.flatMap((user) =>
      user.idTokenTtl === undefined ? [] : [[user.email.toLowerCase(), user.idTokenTtl] as const],
    ),
  );
  const keys = loadOrCreateKeys(options.dataDir);
  const accounts = new Accounts(options.dataDir, flavor.subjectPrefix, extraUsers);
  // Read and validated before listening: bad configuration or data stops the start without leaving a port open.
  const clients = (options.clients ?? defaultClients(undefined, flavorName)).map((client) =>
    toClientMetadata(client, flavorName),
  );
  const adapter = fileAdapter(options.dataDir);
  const server = createServer();
  const port = await listen(server, options.port, host, { portEnvName: flavor.portEnvName });
  // nextjs-auth0 refuses IP-address domains (even with allowInsecureRequests), so the issuer names "localhost".
  const url = `http://localhost:${port}`;
  const issuer = `${url}/`;
  const provider = createProvider({
    issuer,
    adapter,
    keys,
    accounts,
    clients,
    audiences: options.audiences ?? [],
    flavor,
    idTokenTtlFor: (email) => ttlByEmail.get(email) ?? flavor.idTokenTtl,
  });
  const routes = routeTable(flavorName);
  // A plain provider here has a reuse interval for rotated refresh tokens (src/refresh-grace.ts); the Auth0 one is
  // as strict as before.
  const reuseMs = options.refreshReuseIntervalMs ?? REUSE_INTERVAL_MS;
  const reuse =
    flavorName === "oidc" && reuseMs > 0
      ? refreshReuseInterval(flavor.endpoints.token, reuseMs)
      : undefined;
  const oidc = provider.callback();
  const context: RouteContext = { provider, accounts, flavor: flavorName };

  async function route(request: IncomingMessage, response: ServerResponse): Promise<void> {
    // An absolute-form target (`GET http://host/path`) is legal HTTP; one that is not a URL at all is refused here,
    // before it reaches code that assumes it parses.
    const path = URL.parse(request.url ?? "/", url);
    if (path === null) {
      throw new HttpError(400, "invalid_request", "The request target is not a valid URL.");
    }
    const matched = routes.match(request.method ?? "GET", path.pathname);
    if (matched === null) {
      if (reuse !== undefined && (await reuse(request, response, path.pathname, oidc))) return;
      return oidc(request, response);
    }
    await matched.handler(context, request, response, matched.params, path);
  }

  server.on("request", (request: IncomingMessage, response: ServerResponse) => {
    route(request, response).catch((error: unknown) => {
      if (response.headersSent) {
        response.end();
        return;
      }
      // oidc-provider's own errors (an interaction or session that expired meanwhile) are the client's problem.
      const known =
        error instanceof errors.OIDCProviderError
          ? new HttpError(error.status, error.error, error.error_description ?? error.message)
          : error;
      if (known instanceof HttpError) {
        response.writeHead(known.status, {
          "content-type": "text/html; charset=utf-8",
          "cache-control": "no-store",
        });
        response.end(
          renderMessagePage("Oops!, something went wrong", `${known.error}: ${known.message}`),
        );
        return;
      }
      console.error(`${flavor.name}: internal error:`, error);
      sendJson(response, 500, { error: "server_error", error_description: "Internal error." });
    });
  });
  return {
    url,
    issuer,
    stop: () =>
      new Promise((resolveStop) => {
        server.closeAllConnections();
        server.close(() => resolveStop());
      }),
  };
}
