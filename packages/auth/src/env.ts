// Validates an app's env once, at start, with a message that says what to set. Each app reads process.env
// itself (Next inlines NEXT_PUBLIC_* only where they are written out literally) and hands the values here.
export interface AppEnvInput {
  NEXT_PUBLIC_CONVEX_URL: string | undefined;
  NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: string | undefined;
  NEXT_PUBLIC_CLERK_PROXY_URL: string | undefined;
  CLERK_SECRET_KEY: string | undefined;
  CLERK_JWT_KEY: string | undefined;
  OTHER_APP_URL: string | undefined;
}

export interface AppEnv {
  convexUrl: string;
  clerkPublishableKey: string;
  /** Set offline (`/__clerk`): the browser reaches Clerk's Frontend API through the app itself. */
  clerkProxyUrl: string | undefined;
  /** PEM public key for verifying session tokens without a network call (optional). */
  clerkJwtKey: string | undefined;
  otherAppUrl: string;
}

const HOW_TO_FIX =
  "Either set them (e.g. in .env.local) for hosted Convex + Clerk, or set none of NEXT_PUBLIC_CONVEX_URL, " +
  "NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY, CLERK_SECRET_KEY and run `pnpm dev`, which starts the local offline stack " +
  "and sets them for you.";

export function validateAppEnv(
  input: AppEnvInput,
  options: { server: boolean; defaultOtherApp: string },
): AppEnv {
  const problems: string[] = [];
  const convexUrl = input.NEXT_PUBLIC_CONVEX_URL ?? "";
  if (!/^https?:\/\/[^/]+/.test(convexUrl)) {
    problems.push(
      "NEXT_PUBLIC_CONVEX_URL: your Convex deployment URL (https://<name>.convex.cloud)",
    );
  }
  const clerkPublishableKey = input.NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY ?? "";
  if (!/^pk_(test|live)_/.test(clerkPublishableKey)) {
    problems.push(
      "NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: your Clerk publishable key (pk_test_… or pk_live_…)",
    );
  }
  if (options.server && !/^sk_(test|live)_/.test(input.CLERK_SECRET_KEY ?? "")) {
    problems.push("CLERK_SECRET_KEY: your Clerk secret key (sk_test_… or sk_live_…)");
  }
  if (problems.length > 0) {
    throw new Error(
      `Missing or invalid environment variables:\n  - ${problems.join("\n  - ")}\n${HOW_TO_FIX}`,
    );
  }
  return {
    convexUrl,
    clerkPublishableKey,
    clerkProxyUrl:
      input.NEXT_PUBLIC_CLERK_PROXY_URL === "" ? undefined : input.NEXT_PUBLIC_CLERK_PROXY_URL,
    clerkJwtKey: input.CLERK_JWT_KEY === "" ? undefined : input.CLERK_JWT_KEY,
    otherAppUrl: input.OTHER_APP_URL ?? options.defaultOtherApp,
  };
}
