// The app's OpenID client (openid-client): the provider's configuration found by discovery once per process, and
// retried on the next request when it failed (the provider may start after the app).
import * as oidc from "openid-client";

import { oidcSettings } from "./settings";

let discovered: Promise<oidc.Configuration> | undefined;

async function discover(): Promise<oidc.Configuration> {
  const settings = oidcSettings();
  const auth =
    settings.tokenAuthMethod === "client_secret_post"
      ? oidc.ClientSecretPost(settings.clientSecret)
      : oidc.ClientSecretBasic(settings.clientSecret);
  return oidc.discovery(settings.issuer, settings.clientId, undefined, auth, {
    // Plain http only for a provider on this machine (the offline stack's); openid-client refuses it otherwise.
    ...(settings.issuer.protocol === "http:" ? { execute: [oidc.allowInsecureRequests] } : {}),
  });
}

export function oidcConfiguration(): Promise<oidc.Configuration> {
  discovered ??= discover().catch((error: unknown) => {
    discovered = undefined;
    throw error;
  });
  return discovered;
}

/** Errors that are the provider's answer (a refused code, grant or state), as opposed to not reaching it. */
export function isProviderRefusal(error: unknown): boolean {
  return (
    error instanceof oidc.ResponseBodyError ||
    error instanceof oidc.AuthorizationResponseError ||
    (error instanceof Error &&
      "code" in error &&
      typeof error.code === "string" &&
      // openid-client's (oauth4webapi's) checks on what the provider sent: state, nonce, ID token claims.
      error.code.startsWith("OAUTH_"))
  );
}
