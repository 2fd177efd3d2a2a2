import type { AuthConfig } from "convex/server";

// Convex's runtime provides `process.env` (deployment env vars) but not the rest of Node's `process`.
declare const process: { env: Record<string, string | undefined> };

// Clerk issues the "convex" token (aud "convex"); Convex finds Clerk's keys via OIDC discovery on this domain.
// Hosted: `npx convex env set CLERK_JWT_ISSUER_DOMAIN https://<your-app>.clerk.accounts.dev`.
// Offline: the local Convex backend sets it to the local Clerk server's issuer.
// Read from process.env rather than typed `env`: typed env needs convex.config.ts, a beta components API.
const domain = process.env.CLERK_JWT_ISSUER_DOMAIN;
if (!domain) {
  throw new Error(
    "CLERK_JWT_ISSUER_DOMAIN is not set in the Convex deployment. Run " +
      "`npx convex env set CLERK_JWT_ISSUER_DOMAIN <Clerk Frontend API URL>`.",
  );
}

export default {
  providers: [{ domain, applicationID: "convex" }],
} satisfies AuthConfig;
