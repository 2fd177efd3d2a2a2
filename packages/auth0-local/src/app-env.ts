// The env an app needs to use this server through the real Auth0 SDKs: only env differs from a hosted Auth0 setup.
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

import { DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET } from "./clients";
import { FLAVORS } from "./flavor";

/** The apps' cookie encryption key (AUTH0_SECRET / OIDC_SECRET), per data dir so sessions survive restarts. */
function appSecret(dataDir: string): string {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, "app-secret");
  if (existsSync(path)) return readFileSync(path, "utf8").trim();
  const secret = randomBytes(32).toString("hex");
  writeFileSync(path, secret, { mode: 0o600 });
  return secret;
}

export function auth0AppEnv(options: {
  url: string;
  dataDir: string;
  appBaseUrl: string;
  clientId?: string;
  clientSecret?: string;
}): Record<string, string> {
  const clientId = options.clientId ?? DEFAULT_CLIENT_ID;
  return {
    // With a scheme: nextjs-auth0 then keeps http and the port (only with allowInsecureRequests, which the app sets
    // for an http:// domain); hosted Auth0 uses the bare tenant host.
    AUTH0_DOMAIN: options.url,
    AUTH0_CLIENT_ID: clientId,
    AUTH0_CLIENT_SECRET: options.clientSecret ?? DEFAULT_CLIENT_SECRET,
    AUTH0_SECRET: appSecret(options.dataDir),
    APP_BASE_URL: options.appBaseUrl,
    // For browser code (auth0-react / auth0-spa-js) and Convex's auth.config.ts (issuer = domain + "/").
    NEXT_PUBLIC_AUTH0_DOMAIN: options.url,
    NEXT_PUBLIC_AUTH0_CLIENT_ID: clientId,
  };
}

/** The env @repo/auth's AUTH_PROVIDER=oidc reads, for this server in its "oidc" flavor. */
export function oidcAppEnv(options: {
  issuer: string;
  dataDir: string;
  appBaseUrl: string;
}): Record<string, string> {
  return {
    OIDC_ISSUER: options.issuer,
    OIDC_CLIENT_ID: FLAVORS.oidc.clientId,
    OIDC_CLIENT_SECRET: FLAVORS.oidc.clientSecret,
    OIDC_SECRET: appSecret(options.dataDir),
    APP_BASE_URL: options.appBaseUrl,
  };
}
