// Starts the local Auth0-compatible server: oidc-provider at Auth0's paths, the login page, /v2/logout and /health.
import type { IncomingMessage, ServerResponse } from "node:http";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

import { errors } from "oidc-provider";

import { Accounts } from "./accounts";
import { fileAdapter } from "./adapter";
import type { Auth0LocalClient } from "./clients";
import { defaultClients, toClientMetadata } from "./clients";
import { HttpError, sendJson } from "./http";
import { handleLogin } from "./interactions";
import { loadOrCreateKeys } from "./keys";
import { renderMessagePage } from "./pages";
import { createProvider } from "./provider";
import { v2LogoutLocation } from "./v2-logout";

export interface Auth0LocalOptions {
  port: number;
  /** Interface to listen on (default 127.0.0.1). */
  host?: string;
  dataDir: string;
  /** The applications (default: the two Next.js apps on localhost:3000 and :3001). */
  clients?: Auth0LocalClient[];
  /** API identifiers an `audience` may name (access tokens for them are JWTs). */
  audiences?: string[];
}

export interface Auth0Local {
  /** Base URL, `http://localhost:<port>`: what AUTH0_DOMAIN is set to offline. */
  url: string;
  /** The `iss` of every token: the URL plus "/", Auth0's `https://<domain>/` form. */
  issuer: string;
  stop(): Promise<void>;
}

const LOGIN_PATH = /^\/u\/login\/([\w-]{1,64})$/;

export async function startAuth0Local(options: Auth0LocalOptions): Promise<Auth0Local> {
  const host = options.host ?? "127.0.0.1";
  const keys = loadOrCreateKeys(options.dataDir);
  const accounts = new Accounts(options.dataDir);
  // Read and validated before listening: bad configuration or data stops the start without leaving a port open.
  const clients = (options.clients ?? defaultClients()).map(toClientMetadata);
  const adapter = fileAdapter(options.dataDir);
  const server = createServer();
  const port = await new Promise<number>((resolvePort, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) =>
      reject(
        error.code === "EADDRINUSE"
          ? new Error(
              `Port ${options.port} on ${host} is in use: stop what runs there or set AUTH0_LOCAL_PORT.`,
            )
          : error,
      ),
    );
    server.listen(options.port, host, () => resolvePort((server.address() as AddressInfo).port));
  });
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
  });
  const oidc = provider.callback();

  async function route(request: IncomingMessage, response: ServerResponse): Promise<void> {
    // An absolute-form target (`GET http://host/path`) is legal HTTP; one that is not a URL at all is refused here,
    // before it reaches code that assumes it parses.
    const path = URL.parse(request.url ?? "/", url);
    if (path === null) {
      throw new HttpError(400, "invalid_request", "The request target is not a valid URL.");
    }
    if (path.pathname === "/health") return sendJson(response, 200, { status: "ok" });
    const login = LOGIN_PATH.exec(path.pathname);
    if (login !== null && (request.method === "GET" || request.method === "POST")) {
      return handleLogin(provider, accounts, login[1] ?? "", request, response);
    }
    if (path.pathname === "/v2/logout" && request.method === "GET") {
      const location = await v2LogoutLocation(provider, path.searchParams);
      response.writeHead(302, { location, "cache-control": "no-store" });
      response.end();
      return;
    }
    await oidc(request, response);
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
      console.error("auth0-local: internal error:", error);
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
