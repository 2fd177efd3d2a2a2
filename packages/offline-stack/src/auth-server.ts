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
  /**
   * Starts it; returns the Convex deployment env that makes Convex trust its tokens, and where the local Convex
   * backend finds the OIDC discovery of an issuer whose host does not resolve offline (Clerk's Frontend API host).
   */
  start(): Promise<{
    convexEnv: Record<string, string>;
    oidcDiscovery: Record<string, string>;
    stop(): Promise<void>;
  }>;
}

/** Runs `compute` once, on the first call: each server's app env is read from its data folder only once a start. */
function once<T>(compute: () => Promise<T>): () => Promise<T> {
  let result: Promise<T> | undefined;
  return () => (result ??= compute());
}

/**
 * `@repo/auth0-local` in one of its flavors: "auth0" for AUTH_PROVIDER=auth0, "oidc" (a plain OpenID provider with
 * nothing Auth0-specific) for AUTH_PROVIDER=oidc. Each on its own port and data folder, with the env of that provider.
 */
function localAuth0Server(settings: StackSettings, flavor: "auth0" | "oidc"): LocalAuthServer {
  const port = flavor === "oidc" ? settings.oidcPort : settings.auth0Port;
  // "localhost", not 127.0.0.1: nextjs-auth0 refuses IP addresses as the Auth0 domain (and OIDC's issuer is the same
  // URL plus "/", as discovery names it).
  const url = `http://localhost:${port}`;
  const dataDir = join(settings.dataDir, flavor);
  // Every app's URL: a comma-separated APP_BASE_URL is the allowed origins; the callback is built on the request's.
  const appBaseUrl = settings.appUrls.join(",");
  const appEnv = once(async () => {
    const local = await auth0Local();
    return flavor === "oidc"
      ? local.oidcAppEnv({ issuer: `${url}/`, dataDir, appBaseUrl })
      : local.auth0AppEnv({ url, dataDir, appBaseUrl });
  });
  return {
    healthUrl: `${url}/health`,
    appEnv,
    async start() {
      const { defaultClients, startAuth0Local } = await auth0Local();
      const extraUsers = flavor === "oidc" ? settings.oidcExtraUsers : undefined;
      const server = await startAuth0Local({
        port,
        dataDir,
        flavor,
        clients: defaultClients(settings.appUrls, flavor),
        ...(extraUsers === undefined ? {} : { extraUsers }),
      });
      const env = await appEnv();
      const convexEnv: Record<string, string> =
        flavor === "oidc"
          ? { OIDC_ISSUER: server.issuer, OIDC_CLIENT_ID: env.OIDC_CLIENT_ID ?? "" }
          : { AUTH0_DOMAIN: server.url, AUTH0_CLIENT_ID: env.AUTH0_CLIENT_ID ?? "" };
      return { convexEnv, oidcDiscovery: {}, stop: () => server.stop() };
    },
  };
}

export function localAuthServer(settings: StackSettings): LocalAuthServer {
  if (settings.authProvider !== "clerk") return localAuth0Server(settings, settings.authProvider);
  const url = `http://127.0.0.1:${settings.clerkPort}`;
  const dataDir = join(settings.dataDir, "clerk");
  return {
    healthUrl: `${url}/health`,
    appEnv: once(async () => (await clerkLocal()).clerkAppEnv({ url, dataDir })),
    async start() {
      const { startClerkLocal } = await clerkLocal();
      const server = await startClerkLocal({
        port: settings.clerkPort,
        dataDir,
        convexIntegration: settings.clerkConvexIntegration,
        // Clerk's user webhooks go to the Convex HTTP action that keeps the users rows (convex/clerkWebhook.ts);
        // sent before Convex is up, they are retried on Svix's schedule.
        webhook: { url: `http://127.0.0.1:${settings.convexSitePort}/clerk-users-webhook` },
      });
      return {
        convexEnv: {
          // The Convex integration's issuer is Clerk's Frontend API URL, as hosted; the template's, this server's.
          CLERK_JWT_ISSUER_DOMAIN: server.issuer,
          // What the HTTP action verifies the webhooks with: the endpoint's signing secret.
          CLERK_WEBHOOK_SIGNING_SECRET: server.webhook.secret,
        },
        oidcDiscovery: server.oidcDiscovery,
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
