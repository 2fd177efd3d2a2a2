// The hosted path, tested: every hosted variable is set explicitly, as a team with a Convex deployment and a Clerk
// instance would set them, and the suite runs in hosted mode (nothing local is started by the apps or the suite).
// The local servers, started here on their own ports, stand in for the hosted services. This proves that switching
// to hosted Convex + Clerk takes env only: the same app code, built and served with nothing but that env.
//
// The apps are built as they are deployed (scripts/deploy-builds.ts): the stand-in Convex backend, with its own
// data folder and admin key, plays a remote self-hosted deployment; the App Router's vercel.json buildCommand pushes
// convex/ to it with the pinned CLI's `npx convex deploy --cmd … --cmd-url-env-var-name NEXT_PUBLIC_CONVEX_URL` and
// builds with the URL the CLI hands over; the Pages Router's is a plain build. Global setup then only serves them.
import { spawn } from "node:child_process";
import { join, resolve } from "node:path";

import { SEEDED_USERS } from "@repo/local-server/seeded-users";
import type { StackSettings } from "@repo/offline-stack/fresh-stack";
import { startFreshStack } from "@repo/offline-stack/fresh-stack";
import { PORTS } from "@repo/offline-stack/ports";

import { e2eDistDir } from "../servers/dist-dir";
import { buildAsDeployed } from "./deploy-builds";

const repoRoot = resolve(import.meta.dirname, "../../..");

/** Ports of their own (the port table's hostedStandins): they never answer for the offline e2e stack or `pnpm dev`. */
const STANDINS: StackSettings = {
  dataDir: join(repoRoot, ".data/e2e-hosted"),
  authProvider: "clerk",
  convexPort: PORTS.hostedStandins.convex,
  convexSitePort: PORTS.hostedStandins.convexSite,
  clerkPort: PORTS.hostedStandins.clerk,
  auth0Port: PORTS.hostedStandins.auth0,
  oidcPort: PORTS.hostedStandins.oidc,
  appUrls: [],
};

/**
 * What exercises the switch: sign-in, protected routes, server-side auth, SSR data, live updates, and the rate
 * limiter component pushed by `convex deploy` (per-user limits from the browser, the Server Action, the API route).
 */
const SPECS = [
  "specs/auth.spec.ts",
  "specs/private-data.spec.ts",
  "specs/server-rendering.spec.ts",
  "specs/reactivity.spec.ts",
  "specs/cross-app.spec.ts",
  "specs/rate-limit.spec.ts",
];

const stack = await startFreshStack(STANDINS);
let code = 1;
try {
  const [alice, bob] = SEEDED_USERS;
  const hostedEnv: Record<string, string> = {
    // The three variables that select hosted mode (see @repo/offline-stack's chooseMode)…
    NEXT_PUBLIC_CONVEX_URL: required(stack.env, "NEXT_PUBLIC_CONVEX_URL"),
    NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: required(stack.env, "NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY"),
    CLERK_SECRET_KEY: required(stack.env, "CLERK_SECRET_KEY"),
    // …and, only because the stand-in is not at the key's real Frontend API host, where Clerk's SDKs should call it.
    CLERK_API_URL: required(stack.env, "CLERK_API_URL"),
    CLERK_FAPI_URL: required(stack.env, "CLERK_FAPI_URL"),
    NEXT_PUBLIC_CLERK_PROXY_URL: required(stack.env, "NEXT_PUBLIC_CLERK_PROXY_URL"),
    // Two password users, as a hosted run needs (packages/e2e/README.md).
    E2E_USER1_EMAIL: alice.email,
    E2E_USER1_PASSWORD: alice.password,
    E2E_USER2_EMAIL: bob.email,
    E2E_USER2_PASSWORD: bob.password,
  };
  console.log(
    `e2e:hosted: stand-ins up (Convex ${hostedEnv.NEXT_PUBLIC_CONVEX_URL}); deploying and building both apps`,
  );
  // The apps' URLs in the suite (its port table entry), as global setup would give its own builds.
  const appRouterUrl = `http://127.0.0.1:${PORTS.e2e.appRouter}`;
  const pagesRouterUrl = `http://127.0.0.1:${PORTS.e2e.pagesRouter}`;
  const { NEXT_PUBLIC_CONVEX_URL: convexUrl, ...authEnv } = hostedEnv;
  await buildAsDeployed({
    distDir: e2eDistDir("hosted", "clerk"),
    env: { ...authEnv, APP_ROUTER_URL: appRouterUrl, PAGES_ROUTER_URL: pagesRouterUrl },
    deployment: {
      url: convexUrl ?? "",
      adminKey: required(stack.env, "CONVEX_SELF_HOSTED_ADMIN_KEY"),
      dataDir: join(STANDINS.dataDir, "convex"),
    },
    logDir: join(STANDINS.dataDir, "logs"),
  });
  console.log("e2e:hosted: running the suite in hosted mode on those builds");
  const child = spawn(
    join(import.meta.dirname, "../node_modules/.bin/playwright"),
    ["test", ...SPECS, ...process.argv.slice(2)],
    {
      cwd: join(import.meta.dirname, ".."),
      env: { ...process.env, ...hostedEnv, E2E_EXPECT_MODE: "hosted", E2E_PREBUILT: "1" },
      stdio: "inherit",
    },
  );
  code = await new Promise<number>((done) => child.once("exit", (exit) => done(exit ?? 1)));
} finally {
  await stack.stop();
}
process.exit(code);

function required(env: Record<string, string>, name: string): string {
  const value = env[name];
  if (value === undefined || value === "")
    throw new Error(`The local stack did not provide ${name}.`);
  return value;
}
