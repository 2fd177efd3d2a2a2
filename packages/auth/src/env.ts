// Validates an app's env once, at start, with a message that says what to set. Each app reads process.env
// itself (Next inlines NEXT_PUBLIC_* only where they are written out literally) and hands the values here.
// AUTH_PROVIDER picks the provider; each provider has its own required variables (see README: the provider switch).

export const AUTH_PROVIDERS = ["clerk", "auth0"] as const;
export type AuthProviderName = (typeof AUTH_PROVIDERS)[number];

/**
 * The variables that configure each provider when it is hosted: set all of them for hosted mode, none of them
 * for the offline stack. @repo/offline-stack's chooseMode reads the same lists.
 */
export const HOSTED_AUTH_VARS = {
  clerk: ["NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY", "CLERK_SECRET_KEY"],
  // Auth0's Next.js SDK reads these names itself (@auth0/nextjs-auth0 v4 README, "Configure the SDK").
  auth0: ["AUTH0_DOMAIN", "AUTH0_CLIENT_ID", "AUTH0_CLIENT_SECRET", "AUTH0_SECRET"],
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

export interface AppEnvInput {
  AUTH_PROVIDER: string | undefined;
  NEXT_PUBLIC_CONVEX_URL: string | undefined;
  NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: string | undefined;
  NEXT_PUBLIC_CLERK_PROXY_URL: string | undefined;
  CLERK_SECRET_KEY: string | undefined;
  CLERK_JWT_KEY: string | undefined;
  AUTH0_DOMAIN: string | undefined;
  AUTH0_CLIENT_ID: string | undefined;
  AUTH0_CLIENT_SECRET: string | undefined;
  AUTH0_SECRET: string | undefined;
  APP_BASE_URL: string | undefined;
  OTHER_APP_URL: string | undefined;
}

export interface AppEnv {
  provider: AuthProviderName;
  convexUrl: string;
  /** Clerk only. */
  clerkPublishableKey: string | undefined;
  /** Clerk, offline (`/__clerk`): the browser reaches Clerk's Frontend API through the app itself. */
  clerkProxyUrl: string | undefined;
  /** Clerk: PEM public key for verifying session tokens without a network call (optional). */
  clerkJwtKey: string | undefined;
  otherAppUrl: string;
}

const HOW_TO_FIX =
  "Either set them (e.g. in .env.local) for hosted Convex + your auth provider, or set none of " +
  "NEXT_PUBLIC_CONVEX_URL and the provider's keys and run `pnpm dev`, which starts the local offline stack " +
  "and sets them for you.";

function clerkProblems(input: AppEnvInput, server: boolean): string[] {
  const problems: string[] = [];
  if (!/^pk_(test|live)_/.test(input.NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY ?? "")) {
    problems.push(
      "NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: your Clerk publishable key (pk_test_… or pk_live_…)",
    );
  }
  if (server && !/^sk_(test|live)_/.test(input.CLERK_SECRET_KEY ?? "")) {
    problems.push("CLERK_SECRET_KEY: your Clerk secret key (sk_test_… or sk_live_…)");
  }
  return problems;
}

// Auth0's variables are server-only: the browser talks to the app's own /auth/* routes, never to Auth0's keys.
function auth0Problems(input: AppEnvInput, server: boolean): string[] {
  if (!server) return [];
  const problems: string[] = [];
  // A hostname (tenant.us.auth0.com, Auth0's usual form) or an origin; nextjs-auth0 accepts both, and refuses
  // IP addresses, so the local server is http://localhost:<port>.
  if (!/^(https?:\/\/)?[a-z0-9.-]+(:\d+)?\/?$/i.test(input.AUTH0_DOMAIN ?? "")) {
    problems.push("AUTH0_DOMAIN: your Auth0 tenant domain (e.g. dev-abc.us.auth0.com)");
  }
  if ((input.AUTH0_CLIENT_ID ?? "").trim() === "") {
    problems.push("AUTH0_CLIENT_ID: your Auth0 application's Client ID");
  }
  if ((input.AUTH0_CLIENT_SECRET ?? "").trim() === "") {
    problems.push("AUTH0_CLIENT_SECRET: your Auth0 application's Client Secret");
  }
  // nextjs-auth0 derives its cookie encryption key from it; Auth0's docs generate it with `openssl rand -hex 32`.
  if ((input.AUTH0_SECRET ?? "").length < 32) {
    problems.push("AUTH0_SECRET: at least 32 random characters (`openssl rand -hex 32`)");
  }
  // One URL, or a comma-separated list of the origins the app may be reached on (nextjs-auth0 then picks the
  // request's).
  const base = input.APP_BASE_URL ?? "";
  if (base !== "" && !base.split(",").every((url) => /^https?:\/\/[^/\s]+/.test(url.trim()))) {
    problems.push(
      "APP_BASE_URL: this app's URL (e.g. http://localhost:3000), a comma-separated list of them, or unset",
    );
  }
  return problems;
}

export function validateAppEnv(
  input: AppEnvInput,
  options: { server: boolean; defaultOtherApp: string },
): AppEnv {
  const provider = parseAuthProvider(input.AUTH_PROVIDER);
  const problems: string[] = [];
  const convexUrl = input.NEXT_PUBLIC_CONVEX_URL ?? "";
  if (!/^https?:\/\/[^/]+/.test(convexUrl)) {
    problems.push(
      "NEXT_PUBLIC_CONVEX_URL: your Convex deployment URL (https://<name>.convex.cloud)",
    );
  }
  problems.push(
    ...(provider === "clerk"
      ? clerkProblems(input, options.server)
      : auth0Problems(input, options.server)),
  );
  if (problems.length > 0) {
    throw new Error(
      `Missing or invalid environment variables (AUTH_PROVIDER=${provider}):\n  - ${problems.join("\n  - ")}\n${HOW_TO_FIX}`,
    );
  }
  const nonEmpty = (value: string | undefined) => (value === "" ? undefined : value);
  return {
    provider,
    convexUrl,
    clerkPublishableKey: provider === "clerk" ? input.NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY : undefined,
    clerkProxyUrl: nonEmpty(input.NEXT_PUBLIC_CLERK_PROXY_URL),
    clerkJwtKey: nonEmpty(input.CLERK_JWT_KEY),
    otherAppUrl: input.OTHER_APP_URL ?? options.defaultOtherApp,
  };
}
