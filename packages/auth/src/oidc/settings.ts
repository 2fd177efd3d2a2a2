// The OIDC provider's settings, from env only (README: the env table). The app's env.ts validated every one of them
// when the server started (src/env.ts), so here they are only read.
export interface OidcSettings {
  issuer: URL;
  clientId: string;
  clientSecret: string;
  /** How the client authenticates at the token endpoint. */
  tokenAuthMethod: "client_secret_basic" | "client_secret_post";
  scope: string;
  /** Sent as `audience` on the authorization request when set (Auth0, Okta and others name an API so). */
  audience: string | undefined;
  /** The session and sign-in cookies' encryption key material. */
  secret: string;
  /** The origins the app is reached on (APP_BASE_URL); empty: the request's own. */
  appBaseUrls: string[];
}

/** openid, profile and email for the user's name, offline_access for a refresh token. */
export const DEFAULT_SCOPES = "openid profile email offline_access";

const set = (value: string | undefined) =>
  value === undefined || value.trim() === "" ? undefined : value.trim();

export function oidcSettings(env: Record<string, string | undefined> = process.env): OidcSettings {
  return {
    issuer: new URL(set(env.OIDC_ISSUER) ?? "http://invalid.localhost/"),
    clientId: set(env.OIDC_CLIENT_ID) ?? "",
    clientSecret: set(env.OIDC_CLIENT_SECRET) ?? "",
    tokenAuthMethod:
      set(env.OIDC_TOKEN_AUTH_METHOD) === "client_secret_post"
        ? "client_secret_post"
        : "client_secret_basic",
    scope: set(env.OIDC_SCOPES) ?? DEFAULT_SCOPES,
    audience: set(env.OIDC_AUDIENCE),
    secret: env.OIDC_SECRET ?? "",
    appBaseUrls: (set(env.APP_BASE_URL) ?? "")
      .split(",")
      .map((url) => url.trim().replace(/\/+$/, ""))
      .filter((url) => url !== ""),
  };
}
