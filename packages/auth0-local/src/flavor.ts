// Which provider this server plays: an Auth0 tenant (Auth0's paths, `auth0|…` ids, /v2/logout, `audience`), or a
// plain OpenID provider with nothing Auth0-specific (oidc-provider's own standard paths, found through discovery
// alone), for @repo/auth's AUTH_PROVIDER=oidc. One server with two flavors rather than two packages: the login page,
// users, keys, session store and consent rules are the same, and local servers may not import each other.
export type Flavor = "auth0" | "oidc";

export interface FlavorSettings {
  /** Shown in page titles and messages. */
  name: string;
  /** oidc-provider's endpoint paths. */
  endpoints: {
    authorization: string;
    token: string;
    userinfo: string;
    jwks: string;
    end_session: string;
    revocation: string;
  };
  /** Where oidc-provider sends the browser to log in (`<prefix>/<interaction uid>`). */
  loginPrefix: string;
  /** Put before a new user's random id in `sub`. */
  subjectPrefix: string;
  /** Auth0's extras: `/v2/logout`, and `audience` read as a resource indicator. */
  auth0Extras: boolean;
  /** ID token lifetime in seconds. */
  idTokenTtl: number;
  /** The variable that moves its port, for the port-in-use message. */
  portEnvName: string;
  /** The default application's credentials (public, offline only). */
  clientId: string;
  clientSecret: string;
}

export const FLAVORS: Record<Flavor, FlavorSettings> = {
  auth0: {
    name: "auth0-local",
    // Auth0's endpoint paths (https://auth0.com/docs/api/authentication).
    endpoints: {
      authorization: "/authorize",
      token: "/oauth/token",
      userinfo: "/userinfo",
      jwks: "/.well-known/jwks.json",
      end_session: "/oidc/logout",
      revocation: "/oauth/revoke",
    },
    loginPrefix: "/u/login",
    subjectPrefix: "auth0|",
    auth0Extras: true,
    // Auth0's default, 36000 s.
    idTokenTtl: 36_000,
    portEnvName: "AUTH0_LOCAL_PORT",
    clientId: "auth0-local-client",
    clientSecret: "auth0-local-client-secret-offline-only",
  },
  oidc: {
    name: "oidc-local",
    // oidc-provider's defaults: an OpenID relying party finds them only through discovery.
    endpoints: {
      authorization: "/auth",
      token: "/token",
      userinfo: "/me",
      jwks: "/jwks",
      end_session: "/session/end",
      revocation: "/token/revocation",
    },
    loginPrefix: "/interaction",
    subjectPrefix: "",
    auth0Extras: false,
    // An hour, as Keycloak, Okta and Google issue them.
    idTokenTtl: 3_600,
    portEnvName: "OIDC_LOCAL_PORT",
    clientId: "oidc-local-client",
    clientSecret: "oidc-local-client-secret-offline-only",
  },
};
