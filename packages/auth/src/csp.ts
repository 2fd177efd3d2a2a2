// The Content-Security-Policy sources the chosen auth provider needs, for the apps' security headers. Read in
// next.config.ts (plain Node, no bundler aliases), so it dispatches on the provider itself.
import { auth0CspSources } from "./auth0/csp";
import { clerkCspSources } from "./clerk/csp";
import type { AppEnv } from "./env";

/** Sources per CSP directive that the auth provider adds. */
export interface AuthCspSources {
  script: string[];
  connect: string[];
  frame: string[];
  img: string[];
}

export type AuthCspEnv = Pick<AppEnv, "provider" | "clerkPublishableKey" | "clerkProxyUrl">;

export function authCspSources(env: AuthCspEnv): AuthCspSources {
  // OIDC, like Auth0, is a redirect: the browser only calls the app's own /auth/* routes.
  if (env.provider === "auth0" || env.provider === "oidc") return auth0CspSources();
  if (env.clerkPublishableKey === undefined) {
    throw new Error("The Clerk CSP needs NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY.");
  }
  return clerkCspSources({
    clerkPublishableKey: env.clerkPublishableKey,
    clerkProxyUrl: env.clerkProxyUrl,
  });
}
