// oidc-provider (a certified OpenID Provider) configured to look like an Auth0 tenant to its SDKs: Auth0's paths,
// issuer `https://<domain>/`-shaped (origin + "/"), `auth0|…` subjects with profile claims in the ID token, JWT access
// tokens for an `audience`, refresh tokens with rotation, and consent skipped for the tenant's own applications.
import type {
  AdapterFactory,
  ClientMetadata,
  Configuration,
  KoaContextWithOIDC,
  UnknownObject,
} from "oidc-provider";
import Provider, { errors } from "oidc-provider";

import type { Accounts } from "./accounts";
import { profileClaims } from "./accounts";
import type { FlavorSettings } from "./flavor";
import { FLAVORS } from "./flavor";
import { grantEverythingRequested } from "./grants";
import type { ProviderKeys } from "./keys";
import { renderErrorPage, renderLogoutPage, renderMessagePage } from "./pages";

/** Auth0's endpoint paths (the auth0 flavor's; /v2/logout hands over to its end_session). */
export const ROUTES = FLAVORS.auth0.endpoints;

export interface ProviderSettings {
  issuer: string;
  /** Where sessions, grants and tokens are stored. */
  adapter: AdapterFactory;
  keys: ProviderKeys;
  accounts: Accounts;
  /** Already validated (`toClientMetadata`). */
  clients: ClientMetadata[];
  /** APIs (Auth0 "audience" identifiers) access tokens may be issued for, as JWTs. */
  audiences: string[];
  flavor: FlavorSettings;
  /** The ID token lifetime for the user with this email. */
  idTokenTtlFor: (email: string) => number;
}

// Auth0's default lifetimes: ID token 36000 s (the flavor's), API access token 86400 s, refresh token 30 days.
const TTL = {
  AccessToken: 86_400,
  AuthorizationCode: 60,
  Interaction: 3_600,
  Session: 14 * 24 * 3600,
  Grant: 14 * 24 * 3600,
  RefreshToken: 30 * 24 * 3600,
};

export function createProvider(settings: ProviderSettings): Provider {
  const configuration: Configuration = {
    adapter: settings.adapter,
    clients: settings.clients,
    jwks: { keys: [settings.keys.signingKey] },
    cookies: { keys: settings.keys.cookieKeys },
    routes: settings.flavor.endpoints,
    ttl: {
      ...TTL,
      IdToken: (_ctx, token) => {
        const account = settings.accounts.get(String(token.available.sub));
        return account === undefined
          ? settings.flavor.idTokenTtl
          : settings.idTokenTtlFor(account.email);
      },
    },
    scopes: ["openid", "profile", "email", "offline_access"],
    claims: {
      openid: ["sub"],
      profile: ["name", "given_name", "family_name", "nickname", "picture", "updated_at"],
      email: ["email", "email_verified"],
    },
    // Auth0 puts the scope's profile claims in the ID token even when an access token for /userinfo is issued.
    conformIdTokenClaims: false,
    findAccount(_ctx, sub) {
      const account = settings.accounts.get(sub);
      if (account === undefined) return undefined;
      return { accountId: sub, claims: () => profileClaims(account) };
    },
    interactions: {
      url: (_ctx, interaction) => `${settings.flavor.loginPrefix}/${interaction.uid}`,
    },
    // The tenant's own applications are first-party: Auth0 skips the consent screen for them.
    loadExistingGrant: async (ctx) => {
      const { client, session } = ctx.oidc;
      if (client === undefined || session?.accountId === undefined) return undefined;
      const grantId = ctx.oidc.result?.consent?.grantId ?? session.grantIdFor(client.clientId);
      const existing =
        grantId === undefined ? undefined : await ctx.oidc.provider.Grant.find(grantId);
      return grantEverythingRequested(ctx, existing);
    },
    // Auth0 rotates refresh tokens (Refresh Token Rotation, on for SPAs by default): every use returns a new one.
    rotateRefreshToken: () => true,
    pkce: { required: (_ctx, client) => client.clientAuthMethod === "none" },
    clientBasedCORS: (_ctx, origin, client) =>
      client.redirectUris?.some((uri) => new URL(uri).origin === origin) ?? false,
    features: {
      devInteractions: { enabled: false },
      // Auth0's /oauth/revoke: a client revokes only the refresh tokens issued to it.
      revocation: {
        enabled: true,
        allowedPolicy: (_ctx, client, token) => token.clientId === client.clientId,
      },
      // auth0-spa-js's silent authentication in a hidden iframe answers by postMessage (response_mode=web_message).
      webMessageResponseMode: { enabled: true, ack: "individual-draft-01" },
      userinfo: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: (ctx, form) => renderLogoutPage(ctx, form, settings.flavor.name),
        // oidc-provider's own page loads web fonts; offline, a plain page (Auth0 shows a bare "OK" there).
        postLogoutSuccessSource: (ctx) => {
          ctx.type = "html";
          ctx.body = renderMessagePage("Logged out", "You are logged out.");
        },
      },
      // Auth0's `audience` (a plain OpenID provider here takes no resource indicators).
      resourceIndicators: {
        enabled: settings.flavor.auth0Extras,
        defaultResource: (_ctx, _client, oneOf) => oneOf ?? undefined,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx, resource) => {
          if (!settings.audiences.includes(resource)) {
            // Auth0 answers an unknown `audience` with access_denied "Service not found: <audience>".
            throw new errors.AccessDenied(`Service not found: ${resource}`);
          }
          return {
            scope: "openid profile email offline_access",
            audience: resource,
            accessTokenFormat: "jwt",
            accessTokenTTL: TTL.AccessToken,
            jwt: { sign: { alg: "RS256" } },
          };
        },
      },
    },
    renderError: (ctx, out) => renderErrorPage(ctx, out, settings.flavor.name),
    extraTokenClaims(_ctx, token) {
      // Auth0's JWT access tokens name the client they were issued to in `azp`.
      const claims: UnknownObject = {};
      if ("clientId" in token && typeof token.clientId === "string") claims.azp = token.clientId;
      return claims;
    },
  };
  const provider = new Provider(settings.issuer, configuration);
  // Auth0 sends `audience`; oidc-provider speaks RFC 8707 `resource`.
  provider.use(async (ctx, next) => {
    if (ctx.path === settings.flavor.endpoints.authorization) {
      const query = { ...ctx.query };
      if (
        settings.flavor.auth0Extras &&
        typeof query.audience === "string" &&
        query.resource === undefined
      ) {
        query.resource = query.audience;
        delete query.audience;
        ctx.query = query;
      }
      requestOfflineAccessLikeAuth0(ctx as KoaContextWithOIDC);
    }
    await next();
  });
  return provider;
}

/**
 * OpenID Connect drops `offline_access` unless `prompt=consent` (oidc-provider enforces it); Auth0 issues a refresh
 * token whenever `offline_access` is asked for. So an interactive request for it gets `consent` added to its prompt;
 * the consent step completes by itself for first-party clients (see interactions.ts), so nobody sees a screen.
 */
function requestOfflineAccessLikeAuth0(ctx: KoaContextWithOIDC): void {
  const query = { ...ctx.query };
  const scope = typeof query.scope === "string" ? query.scope.split(" ") : [];
  const prompt = typeof query.prompt === "string" ? query.prompt.split(" ").filter(Boolean) : [];
  if (!scope.includes("offline_access") || prompt.includes("none") || prompt.includes("consent"))
    return;
  query.prompt = [...prompt, "consent"].join(" ");
  ctx.query = query;
}
