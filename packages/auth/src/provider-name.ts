// Which auth provider an app is built for (AUTH_PROVIDER), and the variables each one needs hosted. No dependencies:
// next.config.ts, the offline stack, the e2e suite and the browser bundle all read it.
export const AUTH_PROVIDERS = ["clerk", "auth0", "oidc"] as const;
export type AuthProviderName = (typeof AUTH_PROVIDERS)[number];

/**
 * The variables that configure each provider when it is hosted: set all of them for hosted mode, none of them
 * for the offline stack. @repo/offline-stack's chooseMode reads the same lists.
 */
export const HOSTED_AUTH_VARS = {
  clerk: ["NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY", "CLERK_SECRET_KEY"],
  // Auth0's Next.js SDK reads these names itself (@auth0/nextjs-auth0 v4 README, "Configure the SDK").
  auth0: ["AUTH0_DOMAIN", "AUTH0_CLIENT_ID", "AUTH0_CLIENT_SECRET", "AUTH0_SECRET"],
  // Any OpenID provider (src/oidc/): its issuer, this app's client there, and the app's cookie encryption key.
  oidc: ["OIDC_ISSUER", "OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET", "OIDC_SECRET"],
} as const satisfies Record<AuthProviderName, readonly string[]>;

export class AuthProviderError extends Error {}

/** `AUTH_PROVIDER` → a provider name; unset or empty means Clerk, the default. */
export function parseAuthProvider(value: string | undefined): AuthProviderName {
  const name = (value ?? "").trim();
  if (name === "") return "clerk";
  const known = AUTH_PROVIDERS.find((provider) => provider === name);
  if (known === undefined) {
    throw new AuthProviderError(
      `AUTH_PROVIDER must be one of ${AUTH_PROVIDERS.join(", ")} (got "${name}").`,
    );
  }
  return known;
}
