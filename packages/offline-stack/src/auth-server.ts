// The local auth server beside Convex: Clerk's, Auth0's or a plain OpenID provider, whichever AUTH_PROVIDER names. Each gives the apps the
// env a hosted setup of that provider would have, and Convex the issuer it must trust (convex/auth.config.ts).
import { join } from "node:path";

import type { StackSettings } from "./env";

// Each server is imported only when chosen: a Clerk stack never loads the OIDC server library, nor the reverse.
const clerkLocal = () => import("@repo/clerk-local");
const auth0Local = () => import("@repo/auth0-local");

export interface LocalAuthServer {
  /** Answers 200 once the server is up. */
  healthUrl: string;
  /** The env an app needs for this server (without starting it, e.g. for `next build`). */
  appEnv(): Promise<Record<string, string>>;
  /** Starts it; returns the Convex deployment env that makes Convex trust its tokens. */
  start(): Promise<{ convexEnv: Record<string, string>; stop(): Promise<void> }>;
}

/** Runs `compute` once, on the first call: each server's app env is read from its data folder only once a start. */
function once<T>(compute: () => Promise<T>): () => Promise<T> {
  let result: Promise<T> | undefined;
  return () => (result ??= compute());
}

/** AUTH_PROVIDER=oidc: auth0-local's "oidc" flavor, a plain OpenID provider with nothing Auth0-specific. */
function localOidcServer(settings: StackSettings): LocalAuthServer {
  // "localhost", as for Auth0: the issuer the apps and Convex are given must be the one discovery names.
  const url = `http://localhost:${settings.oidcPort}`;
  const issuer = `${url}/`;
  const dataDir = join(settings.dataDir, "oidc");
  const appEnv = once(async () =>
    (await auth0Local()).oidcAppEnv({ issuer, dataDir, appBaseUrl: settings.appUrls.join(",") }),
  );
  return {
    healthUrl: `${url}/health`,
    appEnv,
    async start() {
      const { defaultClients, startAuth0Local } = await auth0Local();
      const server = await startAuth0Local({
        port: settings.oidcPort,
        dataDir,
        flavor: "oidc",
        clients: defaultClients(settings.appUrls, "oidc"),
        ...(settings.oidcExtraUsers === undefined ? {} : { extraUsers: settings.oidcExtraUsers }),
      });
      const env = await appEnv();
      return {
        convexEnv: { OIDC_ISSUER: server.issuer, OIDC_CLIENT_ID: env.OIDC_CLIENT_ID ?? "" },
        stop: () => server.stop(),
      };
    },
  };
}

export function localAuthServer(settings: StackSettings): LocalAuthServer {
  if (settings.authProvider === "oidc") return localOidcServer(settings);
  if (settings.authProvider === "auth0") {
    // "localhost", not 127.0.0.1: nextjs-auth0 refuses IP addresses as the Auth0 domain.
    const url = `http://localhost:${settings.auth0Port}`;
    const dataDir = join(settings.dataDir, "auth0");
    const appEnv = once(async () => {
      const { auth0AppEnv } = await auth0Local();
      // Every app's URL: nextjs-auth0 takes a comma-separated APP_BASE_URL as the allowed origins and builds the
      // callback URL from the request's own origin.
      return auth0AppEnv({ url, dataDir, appBaseUrl: settings.appUrls.join(",") });
    });
    return {
      healthUrl: `${url}/health`,
      appEnv,
      async start() {
        const { defaultClients, startAuth0Local } = await auth0Local();
        const server = await startAuth0Local({
          port: settings.auth0Port,
          dataDir,
          clients: defaultClients(settings.appUrls),
        });
        const env = await appEnv();
        return {
          convexEnv: {
            AUTH0_DOMAIN: server.url,
            AUTH0_CLIENT_ID: env.AUTH0_CLIENT_ID ?? "",
          },
          stop: () => server.stop(),
        };
      },
    };
  }
  const url = `http://127.0.0.1:${settings.clerkPort}`;
  const dataDir = join(settings.dataDir, "clerk");
  return {
    healthUrl: `${url}/health`,
    appEnv: once(async () => (await clerkLocal()).clerkAppEnv({ url, dataDir })),
    async start() {
      const { startClerkLocal } = await clerkLocal();
      const server = await startClerkLocal({ port: settings.clerkPort, dataDir });
      return {
        convexEnv: { CLERK_JWT_ISSUER_DOMAIN: server.issuer },
        stop: () => server.stop(),
      };
    },
  };
}

/** The local auth server's port, for the port checks. */
export function authPort(settings: StackSettings): number {
  if (settings.authProvider === "oidc") return settings.oidcPort;
  return settings.authProvider === "auth0" ? settings.auth0Port : settings.clerkPort;
}
