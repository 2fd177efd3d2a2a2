// Starts the local Auth0-compatible server: oidc-provider at Auth0's paths, the login page, /v2/logout and /health.
import type { IncomingMessage, ServerResponse } from "node:http";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

import { Accounts } from "./accounts";
import type { Auth0LocalClient } from "./clients";
import { defaultClients } from "./clients";
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
    keys,
    accounts,
    clients: options.clients ?? defaultClients(),
    audiences: options.audiences ?? [],
  });
  const oidc = provider.callback();

  async function route(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = new URL(request.url ?? "/", url);
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
      if (error instanceof HttpError) {
        response.writeHead(error.status, {
          "content-type": "text/html; charset=utf-8",
          "cache-control": "no-store",
        });
        response.end(
          renderMessagePage("Oops!, something went wrong", `${error.error}: ${error.message}`),
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
