// validateAppEnv: a wrong or missing variable fails at start with a message naming it and how to fix it.
import { describe, expect, it } from "vitest";

import type { AppEnvInput } from "../src/env";
import { validateAppEnv } from "../src/env";

const VALID: AppEnvInput = {
  NEXT_PUBLIC_CONVEX_URL: "https://happy-otter-123.convex.cloud",
  NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: "pk_test_Y2xlcmsuZXhhbXBsZS5jb20k",
  NEXT_PUBLIC_CLERK_PROXY_URL: undefined,
  CLERK_SECRET_KEY: "sk_test_abc",
  CLERK_JWT_KEY: undefined,
  OTHER_APP_URL: undefined,
};
const SERVER = { server: true, defaultOtherApp: "http://localhost:3001" };
const BROWSER = { server: false, defaultOtherApp: "http://localhost:3001" };

/** The message validateAppEnv throws for `input`, or a failure if it does not throw. */
function problem(input: Partial<AppEnvInput>, options = SERVER): string {
  try {
    validateAppEnv({ ...VALID, ...input }, options);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error("expected validateAppEnv to throw");
}

describe("validateAppEnv", () => {
  it("accepts a valid env and fills the defaults", () => {
    expect(validateAppEnv(VALID, SERVER)).toEqual({
      convexUrl: VALID.NEXT_PUBLIC_CONVEX_URL,
      clerkPublishableKey: VALID.NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY,
      clerkProxyUrl: undefined,
      clerkJwtKey: undefined,
      otherAppUrl: "http://localhost:3001",
    });
  });

  it("accepts a local http Convex URL, live keys, and passes the optional values through", () => {
    const env = validateAppEnv(
      {
        ...VALID,
        NEXT_PUBLIC_CONVEX_URL: "http://127.0.0.1:3210",
        NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: "pk_live_abc",
        CLERK_SECRET_KEY: "sk_live_abc",
        NEXT_PUBLIC_CLERK_PROXY_URL: "/__clerk",
        CLERK_JWT_KEY: "-----BEGIN PUBLIC KEY-----",
        OTHER_APP_URL: "http://localhost:4000",
      },
      SERVER,
    );
    expect(env).toMatchObject({
      convexUrl: "http://127.0.0.1:3210",
      clerkProxyUrl: "/__clerk",
      clerkJwtKey: "-----BEGIN PUBLIC KEY-----",
      otherAppUrl: "http://localhost:4000",
    });
  });

  it("treats empty optional values as unset", () => {
    const env = validateAppEnv(
      { ...VALID, NEXT_PUBLIC_CLERK_PROXY_URL: "", CLERK_JWT_KEY: "" },
      SERVER,
    );
    expect(env.clerkProxyUrl).toBeUndefined();
    expect(env.clerkJwtKey).toBeUndefined();
  });

  it.each([
    ["missing", undefined],
    ["empty", ""],
    ["not a URL", "happy-otter-123.convex.cloud"],
    ["another scheme", "ws://127.0.0.1:3210"],
  ])("rejects a Convex URL that is %s, naming the variable", (_case, value) => {
    const message = problem({ NEXT_PUBLIC_CONVEX_URL: value });
    expect(message).toContain("NEXT_PUBLIC_CONVEX_URL: your Convex deployment URL");
    expect(message).not.toContain("NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY:");
    expect(message).not.toContain("CLERK_SECRET_KEY:");
  });

  it.each([
    ["missing", undefined],
    ["a secret key", "sk_test_abc"],
    ["without its prefix", "Y2xlcmsuZXhhbXBsZS5jb20k"],
  ])("rejects a publishable key that is %s", (_case, value) => {
    const message = problem({ NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: value });
    expect(message).toContain("NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: your Clerk publishable key");
    expect(message).not.toContain("NEXT_PUBLIC_CONVEX_URL:");
  });

  it("requires the secret key on the server only", () => {
    expect(problem({ CLERK_SECRET_KEY: undefined })).toContain(
      "CLERK_SECRET_KEY: your Clerk secret key",
    );
    expect(problem({ CLERK_SECRET_KEY: "pk_test_abc" })).toContain("CLERK_SECRET_KEY:");
    expect(() => validateAppEnv({ ...VALID, CLERK_SECRET_KEY: undefined }, BROWSER)).not.toThrow();
  });

  it("lists every problem at once and says how to fix them", () => {
    const message = problem({
      NEXT_PUBLIC_CONVEX_URL: undefined,
      NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: undefined,
      CLERK_SECRET_KEY: undefined,
    });
    expect(message.split("\n")).toEqual([
      "Missing or invalid environment variables:",
      "  - NEXT_PUBLIC_CONVEX_URL: your Convex deployment URL (https://<name>.convex.cloud)",
      "  - NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: your Clerk publishable key (pk_test_… or pk_live_…)",
      "  - CLERK_SECRET_KEY: your Clerk secret key (sk_test_… or sk_live_…)",
      expect.stringContaining("run `pnpm dev`") as string,
    ]);
    expect(message).toContain(".env.local");
  });
});
