// Validates an app's env once, at start, with a message that says what to set: t3-env over zod schemas, one per
// variable, each failing with the line the message shows. AUTH_PROVIDER picks the provider, and with it which
// variables are required (see README: the provider switch). Each app's env.ts is `appEnv(router)`. The browser
// bundle gets browser-env.ts instead (package.json's "browser" condition), which leaves the schemas out.
import { createEnv } from "@t3-oss/env-nextjs";
import { z } from "zod";

import type { AuthProviderName } from "./provider-name";
import { HOSTED_AUTH_VARS, parseAuthProvider } from "./provider-name";
import type { NextRouterName } from "./router-name";

export type { AuthProviderName } from "./provider-name";
export {
  AUTH_PROVIDERS,
  AuthProviderError,
  HOSTED_AUTH_VARS,
  parseAuthProvider,
} from "./provider-name";

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
  OIDC_ISSUER: string | undefined;
  OIDC_CLIENT_ID: string | undefined;
  OIDC_CLIENT_SECRET: string | undefined;
  OIDC_SECRET: string | undefined;
  OIDC_SCOPES: string | undefined;
  OIDC_AUDIENCE: string | undefined;
  OIDC_TOKEN_AUTH_METHOD: string | undefined;
  OTHER_APP_URL: string | undefined;
  REVALIDATE_SECRET: string | undefined;
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
  /**
   * Server only: the secret Convex sends to this app's revalidation endpoint (`/api/revalidate`). Unset, the endpoint
   * refuses every call and the cached page refreshes on its time limit only.
   */
  revalidateSecret: string | undefined;
}

const HOW_TO_FIX =
  "Either set them (e.g. in .env.local) for hosted Convex + your auth provider, or set none of " +
  "NEXT_PUBLIC_CONVEX_URL and the provider's keys and run `pnpm dev`, which starts the local offline stack " +
  "and sets them for you.";

/** A required string; `what` is the error for a missing and for a malformed value alike (it says what to set). */
const required = (what: string) => z.string({ error: what });
const matching = (pattern: RegExp, what: string) => required(what).regex(pattern, { error: what });
const nonBlank = (what: string) => required(what).trim().min(1, { error: what });
const optional = z.string().optional();

const CONVEX_URL = matching(
  /^https?:\/\/[^/]+/,
  "your Convex deployment URL (https://<name>.convex.cloud)",
);
const CLERK_PUBLISHABLE_KEY = matching(
  /^pk_(test|live)_/,
  "your Clerk publishable key (pk_test_… or pk_live_…)",
);
const CLERK_SECRET_KEY = matching(
  /^sk_(test|live)_/,
  "your Clerk secret key (sk_test_… or sk_live_…)",
);

const REVALIDATE_SECRET = "unset, or at least 32 random characters (`openssl rand -hex 32`)";

const AUTH0_SECRET = "at least 32 random characters (`openssl rand -hex 32`)";

// One URL, or a comma-separated list of the origins the app may be reached on (the provider's SDK, or src/oidc/,
// then picks the request's).
const APP_BASE_URL = z
  .string()
  .refine((base) => base.split(",").every((url) => /^https?:\/\/[^/\s]+/.test(url.trim())), {
    error: "this app's URL (e.g. http://localhost:3000), a comma-separated list of them, or unset",
  })
  .optional();

// Server-only: the browser talks to the app's own /auth/* routes, never to Auth0 with these.
const AUTH0_SERVER = {
  // A hostname (tenant.us.auth0.com, Auth0's usual form) or an origin; nextjs-auth0 accepts both, and refuses IP
  // addresses, so the local server is http://localhost:<port>.
  AUTH0_DOMAIN: matching(
    /^(https?:\/\/)?[a-z0-9.-]+(:\d+)?\/?$/i,
    "your Auth0 tenant domain (e.g. dev-abc.us.auth0.com)",
  ),
  AUTH0_CLIENT_ID: nonBlank("your Auth0 application's Client ID"),
  AUTH0_CLIENT_SECRET: nonBlank("your Auth0 application's Client Secret"),
  // nextjs-auth0 derives its cookie encryption key from it; Auth0's docs generate it with `openssl rand -hex 32`.
  AUTH0_SECRET: required(AUTH0_SECRET).min(32, { error: AUTH0_SECRET }),
  APP_BASE_URL,
};

const OIDC_SECRET = "at least 32 random characters (`openssl rand -hex 32`)";
const OIDC_SCOPES =
  "space-separated scopes including openid (e.g. openid profile email offline_access)";

// Server-only as well: the browser talks to the app's own /auth/* routes (src/oidc/), never to the provider.
const OIDC_SERVER = {
  // The issuer exactly as the provider's discovery document names it (https://…; http only for a local provider).
  OIDC_ISSUER: matching(
    /^https?:\/\/[^/\s]+(\/\S*)?$/,
    "your OpenID provider's issuer URL (e.g. https://keycloak.example.com/realms/demo)",
  ),
  OIDC_CLIENT_ID: nonBlank("this app's client ID at the OpenID provider"),
  OIDC_CLIENT_SECRET: nonBlank("this app's client secret at the OpenID provider"),
  // The session and sign-in cookies' encryption key.
  OIDC_SECRET: required(OIDC_SECRET).min(32, { error: OIDC_SECRET }),
  OIDC_SCOPES: z
    .string()
    .refine((scopes) => scopes.split(/\s+/).includes("openid"), { error: OIDC_SCOPES })
    .optional(),
  OIDC_AUDIENCE: optional,
  OIDC_TOKEN_AUTH_METHOD: z
    .enum(["client_secret_basic", "client_secret_post"], {
      error: "client_secret_basic (the default) or client_secret_post",
    })
    .optional(),
  APP_BASE_URL,
};

/** The order problems are listed in (the README's), whatever order t3-env ran the schemas in. */
const LISTED: readonly string[] = [
  "NEXT_PUBLIC_CONVEX_URL",
  ...HOSTED_AUTH_VARS.clerk,
  ...HOSTED_AUTH_VARS.auth0,
  ...HOSTED_AUTH_VARS.oidc,
  "OIDC_SCOPES",
  "OIDC_AUDIENCE",
  "OIDC_TOKEN_AUTH_METHOD",
  "APP_BASE_URL",
];

/** A Standard Schema issue, as t3-env hands them over (the path starts with the variable's name). */
interface Issue {
  readonly message: string;
  readonly path?: readonly (PropertyKey | { readonly key: PropertyKey })[] | undefined;
}

function invalid(provider: AuthProviderName, issues: readonly Issue[]): never {
  const problems = new Map<string, string>();
  for (const issue of issues) {
    const [key] = issue.path ?? [];
    const name = String(typeof key === "object" ? key.key : key);
    if (!problems.has(name)) problems.set(name, `${name}: ${issue.message}`);
  }
  const rank = (name: string) => (LISTED.includes(name) ? LISTED.indexOf(name) : LISTED.length);
  const lines = [...problems.keys()]
    .sort((a, b) => rank(a) - rank(b))
    .map((name) => problems.get(name));
  throw new Error(
    `Missing or invalid environment variables (AUTH_PROVIDER=${provider}):\n  - ${lines.join("\n  - ")}\n${HOW_TO_FIX}`,
  );
}

export function validateAppEnv(
  input: AppEnvInput,
  options: { server: boolean; defaultOtherApp: string },
): AppEnv {
  const provider = parseAuthProvider(input.AUTH_PROVIDER);
  const env = createEnv({
    isServer: options.server,
    client: {
      NEXT_PUBLIC_CONVEX_URL: CONVEX_URL,
      NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: provider === "clerk" ? CLERK_PUBLISHABLE_KEY : optional,
      NEXT_PUBLIC_CLERK_PROXY_URL: optional,
    },
    server: {
      CLERK_SECRET_KEY: provider === "clerk" ? CLERK_SECRET_KEY : optional,
      CLERK_JWT_KEY: optional,
      // Guessable secrets would let anyone empty the apps' caches: as long as AUTH0_SECRET, when set.
      REVALIDATE_SECRET: z.string().min(32, { error: REVALIDATE_SECRET }).optional(),
      ...(provider === "auth0" ? AUTH0_SERVER : {}),
      ...(provider === "oidc" ? OIDC_SERVER : {}),
    },
    shared: { OTHER_APP_URL: optional },
    // A copy: t3-env deletes the empty strings from the object it is given.
    runtimeEnv: { ...input },
    emptyStringAsUndefined: true,
    onValidationError: (issues) => invalid(provider, issues),
  });
  return {
    provider,
    convexUrl: env.NEXT_PUBLIC_CONVEX_URL,
    clerkPublishableKey: provider === "clerk" ? env.NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY : undefined,
    clerkProxyUrl: env.NEXT_PUBLIC_CLERK_PROXY_URL,
    // A server variable: t3-env refuses to read it in the browser, where it is never set anyway.
    clerkJwtKey: options.server ? env.CLERK_JWT_KEY : undefined,
    otherAppUrl: env.OTHER_APP_URL ?? options.defaultOtherApp,
    revalidateSecret: options.server ? env.REVALIDATE_SECRET : undefined,
  };
}

/**
 * The env of the app on `router`, validated where it is imported on the server: first by next.config.ts, so
 * `next dev` / `next build` / `next start` stop at start. Every variable is written out as `process.env.NAME`, as
 * Next needs to inline NEXT_PUBLIC_* (browser-env.ts reads the same ones in the browser).
 */
export function appEnv(router: NextRouterName): AppEnv {
  return validateAppEnv(
    {
      AUTH_PROVIDER: process.env.AUTH_PROVIDER,
      NEXT_PUBLIC_CONVEX_URL: process.env.NEXT_PUBLIC_CONVEX_URL,
      NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: process.env.NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY,
      NEXT_PUBLIC_CLERK_PROXY_URL: process.env.NEXT_PUBLIC_CLERK_PROXY_URL,
      CLERK_SECRET_KEY: process.env.CLERK_SECRET_KEY,
      CLERK_JWT_KEY: process.env.CLERK_JWT_KEY,
      AUTH0_DOMAIN: process.env.AUTH0_DOMAIN,
      AUTH0_CLIENT_ID: process.env.AUTH0_CLIENT_ID,
      AUTH0_CLIENT_SECRET: process.env.AUTH0_CLIENT_SECRET,
      AUTH0_SECRET: process.env.AUTH0_SECRET,
      APP_BASE_URL: process.env.APP_BASE_URL,
      OIDC_ISSUER: process.env.OIDC_ISSUER,
      OIDC_CLIENT_ID: process.env.OIDC_CLIENT_ID,
      OIDC_CLIENT_SECRET: process.env.OIDC_CLIENT_SECRET,
      OIDC_SECRET: process.env.OIDC_SECRET,
      OIDC_SCOPES: process.env.OIDC_SCOPES,
      OIDC_AUDIENCE: process.env.OIDC_AUDIENCE,
      OIDC_TOKEN_AUTH_METHOD: process.env.OIDC_TOKEN_AUTH_METHOD,
      REVALIDATE_SECRET: process.env.REVALIDATE_SECRET,
      // Each app links to the other one.
      OTHER_APP_URL: router === "app" ? process.env.PAGES_ROUTER_URL : process.env.APP_ROUTER_URL,
    },
    {
      // Normally always the server (the browser bundle gets browser-env.ts), but right in a bundle that ignored the
      // "browser" condition too.
      server: typeof window === "undefined",
      defaultOtherApp: router === "app" ? "http://localhost:3001" : "http://localhost:3000",
    },
  );
}
