// The one module that reads the suite's env. Offline (the default) it describes the local stack on ports that
// never collide with `pnpm dev` or the benchmark (@repo/offline-stack/ports); with hosted keys set it describes hosted Convex + the auth provider
// AUTH_PROVIDER names (Clerk by default; `pnpm e2e:auth0` runs the auth specs with Auth0).
import { resolve } from "node:path";

import { parseAuthProvider } from "@repo/auth/env";
import { SEEDED_PASSWORD, SEEDED_USERS } from "@repo/local-server/seeded-users";
import { parseClerkConvexIntegration } from "@repo/offline-stack/fresh-stack";
import { chooseMode } from "@repo/offline-stack/mode";
import { PORTS as PORT_TABLE } from "@repo/offline-stack/ports";

const repoRoot = resolve(import.meta.dirname, "../..");

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === "" ? undefined : value;
}

export interface E2eUser {
  /** Storage-state file name and how specs name the user. */
  key: "alice" | "bob";
  email: string;
  password: string;
}

/** The local auth server's seeded users (the local Auth0 server seeds the same), as the two users every spec needs. */
const [seededAlice, seededBob] = SEEDED_USERS;
const OFFLINE_USERS: E2eUser[] = [
  { key: "alice", email: seededAlice.email, password: seededAlice.password },
  { key: "bob", email: seededBob.email, password: seededBob.password },
];

/**
 * AUTH_PROVIDER=oidc offline: a third user the local OpenID provider seeds for this suite only, whose ID tokens live
 * 65 s (everyone else's an hour), so specs/token-refresh.spec.ts sees its token refreshed (due a minute before
 * expiry) without shortening the tokens in the saved sign-ins every other spec shares.
 */
export const OIDC_REFRESH_USER = {
  email: "carol@example.com",
  password: SEEDED_PASSWORD,
  firstName: "Carol",
  lastName: "Chen",
  idTokenTtl: 65,
} as const;

function hostedUsers(): E2eUser[] {
  const missing: string[] = [];
  const read = (name: string): string => {
    const value = nonEmpty(process.env[name]);
    if (value === undefined) missing.push(name);
    return value ?? "";
  };
  const users: E2eUser[] = [
    { key: "alice", email: read("E2E_USER1_EMAIL"), password: read("E2E_USER1_PASSWORD") },
    { key: "bob", email: read("E2E_USER2_EMAIL"), password: read("E2E_USER2_PASSWORD") },
  ];
  if (missing.length > 0) {
    throw new Error(
      `Hosted e2e runs need two users with passwords at the auth provider; missing: ${missing.join(", ")}.`,
    );
  }
  return users;
}

const authProvider = parseAuthProvider(process.env.AUTH_PROVIDER);
const mode = chooseMode(process.env);

// A run that means to test one mode (the hosted stand-in run sets "hosted") must not quietly test the other.
const expectedMode = nonEmpty(process.env.E2E_EXPECT_MODE);
if (expectedMode !== undefined && expectedMode !== mode) {
  throw new Error(`E2E_EXPECT_MODE is "${expectedMode}" but the env selects ${mode} mode.`);
}

/** Fixed e2e ports, from the repo's one port table (none shared with `pnpm dev` or the benchmark). */
const PORTS = PORT_TABLE.e2e;
const HOST = "127.0.0.1";

export const env = {
  mode,
  authProvider,
  /**
   * Offline, which Clerk setup the local Clerk server emulates (CLERK_LOCAL_CONVEX_INTEGRATION): the Convex
   * integration (the default) or the `convex` JWT template (`pnpm e2e:clerk-template`).
   */
  clerkConvexIntegration:
    parseClerkConvexIntegration(process.env.CLERK_LOCAL_CONVEX_INTEGRATION) ?? "native",
  repoRoot,
  /** Wiped at the start of every offline run, so each run starts from empty tables. */
  dataDir: resolve(repoRoot, ".data/e2e"),
  ports: PORTS,
  appRouterUrl: `http://${HOST}:${PORTS.appRouter}`,
  pagesRouterUrl: `http://${HOST}:${PORTS.pagesRouter}`,
  convexUrl:
    mode === "offline"
      ? `http://${HOST}:${PORTS.convex}`
      : (nonEmpty(process.env.NEXT_PUBLIC_CONVEX_URL) ??
        nonEmpty(process.env.CONVEX_SELF_HOSTED_URL) ??
        ""),
  isCi: nonEmpty(process.env.CI) !== undefined,
  /** Set by a runner that built both apps itself, into this suite's dist dir (scripts/hosted-standins.ts, the way a
   * deployment builds them): global setup only starts them. */
  prebuilt: nonEmpty(process.env.E2E_PREBUILT) !== undefined,
  users: mode === "offline" ? OFFLINE_USERS : hostedUsers(),
  /** Passed on to `next build` / `next start` (PATH, and the hosted keys when set). */
  inherited: process.env,
} as const;
