import type { AuthConfig } from "convex/server";

// Convex's runtime provides `process.env` (deployment env vars) but not the rest of Node's `process`.
declare const process: { env: Record<string, string | undefined> };

// Which issuers Convex trusts, from the deployment's env vars: Clerk's, Auth0's, any OpenID provider's, or several (AUTH_PROVIDER is the
// apps' build-time choice; the backend simply accepts either configured issuer).
// Read from process.env rather than typed `env`: typed env needs convex.config.ts, a beta components API.
//
// Clerk issues the "convex" token (aud "convex"); Convex finds Clerk's keys via OIDC discovery on this domain.
// Hosted: `npx convex env set CLERK_JWT_ISSUER_DOMAIN https://<your-app>.clerk.accounts.dev`.
const clerkDomain = process.env.CLERK_JWT_ISSUER_DOMAIN;
// Auth0: Convex verifies the ID token (iss = the tenant, aud = the application's Client ID), as in Convex's Auth0
// guide. Hosted: `npx convex env set AUTH0_DOMAIN <tenant>.us.auth0.com` and `... AUTH0_CLIENT_ID <Client ID>`,
// the same values the apps use. Offline, the local stack sets all of these to its local servers.
const auth0Domain = process.env.AUTH0_DOMAIN;
const auth0ClientId = process.env.AUTH0_CLIENT_ID;
// Any other OpenID provider (AUTH_PROVIDER=oidc): Convex verifies its ID token, found by OIDC discovery on the issuer
// (aud = the app's client ID). Hosted: `npx convex env set OIDC_ISSUER <issuer URL>` and `... OIDC_CLIENT_ID <id>`,
// the values the apps use.
const oidcIssuer = process.env.OIDC_ISSUER;
const oidcClientId = process.env.OIDC_CLIENT_ID;

if (!auth0Domain !== !auth0ClientId) {
  throw new Error(
    `Auth0 needs both AUTH0_DOMAIN and AUTH0_CLIENT_ID in the Convex deployment; missing: ${
      auth0Domain ? "AUTH0_CLIENT_ID" : "AUTH0_DOMAIN"
    }. Run \`npx convex env set <name> <value>\`.`,
  );
}
if (!oidcIssuer !== !oidcClientId) {
  throw new Error(
    `OIDC needs both OIDC_ISSUER and OIDC_CLIENT_ID in the Convex deployment; missing: ${
      oidcIssuer ? "OIDC_CLIENT_ID" : "OIDC_ISSUER"
    }. Run \`npx convex env set <name> <value>\`.`,
  );
}
if (!clerkDomain && !auth0Domain && !oidcIssuer) {
  throw new Error(
    "No auth provider is configured in the Convex deployment. For Clerk run " +
      "`npx convex env set CLERK_JWT_ISSUER_DOMAIN <Clerk Frontend API URL>`; for Auth0 set AUTH0_DOMAIN and " +
      "AUTH0_CLIENT_ID the same way, for another OpenID provider OIDC_ISSUER and OIDC_CLIENT_ID.",
  );
}

/** Auth0's usual form is a bare hostname; its tokens' issuer is https://<hostname>/. */
function auth0Issuer(domain: string): string {
  return domain.includes("://") ? domain : `https://${domain}`;
}

export default {
  providers: [
    ...(clerkDomain ? [{ domain: clerkDomain, applicationID: "convex" }] : []),
    ...(auth0Domain && auth0ClientId
      ? [{ domain: auth0Issuer(auth0Domain), applicationID: auth0ClientId }]
      : []),
    ...(oidcIssuer && oidcClientId ? [{ domain: oidcIssuer, applicationID: oidcClientId }] : []),
  ],
} satisfies AuthConfig;
