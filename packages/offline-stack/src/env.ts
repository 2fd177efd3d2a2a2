// The offline stack's own settings: where its data lives and which loopback ports it uses (PORTS.dev by default).
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

import nextEnv from "@next/env";
import type { AuthProviderName } from "@repo/auth/env";
import { parseAuthProvider } from "@repo/auth/env";
import type { Auth0LocalOptions } from "@repo/auth0-local";

import { PORTS } from "./ports";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");

function port(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > 65535) {
    throw new Error(`${name} must be a port number from 1 to 65535 (got "${raw}").`);
  }
  return value;
}

/**
 * The env that picks the local servers' ports. The URLs built from them are baked into the apps' client bundles, so
 * turbo.json lists each one in the build task's `env` (the cache key); test/build-cache-key.test.ts checks it.
 */
export const PORT_ENV = {
  convexPort: "CONVEX_LOCAL_PORT",
  convexSitePort: "CONVEX_LOCAL_SITE_PORT",
  clerkPort: "CLERK_LOCAL_PORT",
  auth0Port: "AUTH0_LOCAL_PORT",
  oidcPort: "OIDC_LOCAL_PORT",
} as const;

export interface StackSettings {
  /** Parent of the convex/, clerk/, auth0/ and oidc/ data folders. */
  dataDir: string;
  /** Which local auth server runs beside Convex: the one AUTH_PROVIDER names. */
  authProvider: AuthProviderName;
  convexPort: number;
  convexSitePort: number;
  clerkPort: number;
  auth0Port: number;
  /** The plain OpenID provider's (auth0-local's "oidc" flavor), for AUTH_PROVIDER=oidc. */
  oidcPort: number;
  /** Test runs only: users the OIDC server seeds besides the shared ones, with their own ID token lifetimes. */
  oidcExtraUsers?: Auth0LocalOptions["extraUsers"];
  /** The apps' URLs: the local Auth0/OIDC server only redirects back to these (its "Allowed Callback URLs"). */
  appUrls: string[];
  /**
   * Clerk's Convex setup for the local Clerk server: "native" (the Convex integration) or "template" (the `convex`
   * JWT template); unset, clerk-local's own choice (its settings file, else native). CLERK_LOCAL_CONVEX_INTEGRATION.
   */
  clerkConvexIntegration?: ClerkConvexIntegration;
}

export type ClerkConvexIntegration = "native" | "template";

/** CLERK_LOCAL_CONVEX_INTEGRATION, checked: unset or empty is undefined, anything but the two setups an error. */
export function parseClerkConvexIntegration(
  raw: string | undefined,
): ClerkConvexIntegration | undefined {
  const value = (raw ?? "").trim();
  if (value === "") return undefined;
  if (value === "native" || value === "template") return value;
  throw new Error(`CLERK_LOCAL_CONVEX_INTEGRATION must be native or template (got "${raw}").`);
}

export function readSettings(): StackSettings {
  return {
    dataDir: resolve(process.env.OFFLINE_DATA_DIR ?? join(repoRoot, ".data")),
    convexPort: port(PORT_ENV.convexPort, PORTS.dev.convex),
    convexSitePort: port(PORT_ENV.convexSitePort, PORTS.dev.convexSite),
    clerkPort: port(PORT_ENV.clerkPort, PORTS.dev.clerk),
    auth0Port: port(PORT_ENV.auth0Port, PORTS.dev.auth0),
    oidcPort: port(PORT_ENV.oidcPort, PORTS.dev.oidc),
    authProvider: parseAuthProvider(process.env.AUTH_PROVIDER),
    clerkConvexIntegration: parseClerkConvexIntegration(process.env.CLERK_LOCAL_CONVEX_INTEGRATION),
    // The same variables the apps link each other with.
    appUrls: [
      process.env.APP_ROUTER_URL ?? `http://localhost:${PORTS.dev.appRouter}`,
      process.env.PAGES_ROUTER_URL ?? `http://localhost:${PORTS.dev.pagesRouter}`,
    ],
  };
}

const quietLog = {
  info: (): void => undefined,
  error: (...args: unknown[]): void => console.error(...args),
};

/**
 * Loads the .env files Next will (so a key in .env.local selects hosted mode) and returns the
 * resulting environment.
 */
export function loadAppEnv(cwd: string, dev: boolean): NodeJS.ProcessEnv {
  nextEnv.loadEnvConfig(cwd, dev, quietLog);
  return process.env;
}
