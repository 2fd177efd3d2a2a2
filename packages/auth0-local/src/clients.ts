// The applications this server knows, as an Auth0 tenant's "Applications": client id/secret and the allowed callback
// and logout URLs. Offline, every URL must point at this machine: there is no dashboard deciding whom to trust.
import { isLoopbackUrl } from "@repo/local-server/loopback";
import type { ClientMetadata } from "oidc-provider";

import type { Flavor } from "./flavor";
import { FLAVORS } from "./flavor";

export interface Auth0LocalClient {
  clientId: string;
  /** Omit for a public client (SPA / native: no secret, PKCE required), as Auth0's "Single Page Application". */
  clientSecret?: string;
  /** Auth0's "Allowed Callback URLs". */
  callbackUrls: string[];
  /** Auth0's "Allowed Logout URLs" (checked by /v2/logout `returnTo` and /oidc/logout). */
  logoutUrls: string[];
}

export const DEFAULT_CLIENT_ID = FLAVORS.auth0.clientId;
export const DEFAULT_CLIENT_SECRET = FLAVORS.auth0.clientSecret;

/**
 * The Next.js apps, by default on their usual ports. Both nextjs-auth0 v4 and @repo/auth's OIDC provider mount their
 * callback at /auth/callback; each flavor has its own client id.
 */
export function defaultClients(
  origins: string[] = ["http://localhost:3000", "http://localhost:3001"],
  flavor: Flavor = "auth0",
): Auth0LocalClient[] {
  return [
    {
      clientId: FLAVORS[flavor].clientId,
      clientSecret: FLAVORS[flavor].clientSecret,
      callbackUrls: origins.map((origin) => `${origin}/auth/callback`),
      logoutUrls: origins.flatMap((origin) => [origin, `${origin}/`]),
    },
  ];
}

function checkUrls(clientId: string, kind: string, urls: string[]): void {
  for (const url of urls) {
    if (!isLoopbackUrl(url) || !/^https?:$/.test(new URL(url).protocol)) {
      throw new Error(
        `auth0-local client "${clientId}": ${kind} URL "${url}" is not an http(s) URL on this machine ` +
          "(localhost / 127.0.0.1 / [::1]).",
      );
    }
  }
}

export function toClientMetadata(
  client: Auth0LocalClient,
  flavor: Flavor = "auth0",
): ClientMetadata {
  if (!/^[\w.-]{1,128}$/.test(client.clientId))
    throw new Error(`auth0-local client id "${client.clientId}" must be 1-128 of [A-Za-z0-9_.-].`);
  checkUrls(client.clientId, "callback", client.callbackUrls);
  checkUrls(client.clientId, "logout", client.logoutUrls);
  const isPublic = client.clientSecret === undefined;
  return {
    client_id: client.clientId,
    ...(isPublic ? {} : { client_secret: client.clientSecret }),
    // Auth0's Regular Web Application default is client_secret_post (nextjs-auth0 sends the secret in the body); a
    // plain OpenID provider's is client_secret_basic, OAuth's default (RFC 6749 2.3.1).
    token_endpoint_auth_method: isPublic
      ? "none"
      : flavor === "oidc"
        ? "client_secret_basic"
        : "client_secret_post",
    grant_types: ["authorization_code", "refresh_token"],
    response_types: ["code"],
    redirect_uris: client.callbackUrls,
    post_logout_redirect_uris: client.logoutUrls,
  };
}
