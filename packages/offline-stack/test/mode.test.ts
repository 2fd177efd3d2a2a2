import { describe, expect, test } from "vitest";

import { chooseMode, ModeError } from "../src/mode";

const hosted = {
  NEXT_PUBLIC_CONVEX_URL: "https://happy-otter-123.convex.cloud",
  NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: "pk_test_abc",
  CLERK_SECRET_KEY: "sk_test_abc",
};

describe("chooseMode", () => {
  test("no hosted keys: offline", () => {
    expect(chooseMode({})).toBe("offline");
    expect(chooseMode({ NEXT_PUBLIC_CONVEX_URL: "  " })).toBe("offline");
  });

  test("all hosted keys: hosted", () => {
    expect(chooseMode(hosted)).toBe("hosted");
  });

  test.each(Object.keys(hosted))("hosted keys without %s: an error naming it", (name) => {
    const env: Record<string, string> = { ...hosted };
    delete env[name];
    expect(() => chooseMode(env)).toThrow(ModeError);
    expect(() => chooseMode(env)).toThrow(`missing: ${name}`);
  });

  test("a Convex deployment without its URL is half-configured, not offline", () => {
    expect(() => chooseMode({ CONVEX_DEPLOYMENT: "dev:happy-otter-123" })).toThrow(
      "missing: NEXT_PUBLIC_CONVEX_URL, NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY, CLERK_SECRET_KEY",
    );
  });
});
