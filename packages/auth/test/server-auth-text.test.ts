// Honest on-screen text: the /server-auth pages name the auth provider actually in use, through serverAuthText; no
// provider's text (nor the generic one) names another provider's helpers, and neither page hard-codes any.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

import { describe, expect, it } from "vitest";

import type { AuthProviderName } from "../src/provider-name";
import { AUTH_PROVIDERS } from "../src/provider-name";
import { serverAuthText } from "../src/server-auth-text";

/** Phrases that are true of Clerk only. */
const CLERK_ONLY = /Clerk|getAuth|\bauth\(\)/;
const AUTH0_ONLY = /Auth0|getSession|ID token/;
const ROUTERS = ["app", "pages"] as const;

describe("serverAuthText", () => {
  it.each(ROUTERS)("names Clerk's own helper under Clerk (%s router)", (router) => {
    const text = serverAuthText("clerk", router);
    expect(`${text.title} ${text.fetched}`).toMatch(
      router === "app" ? /auth\(\)/ : /getAuth\(req\)/,
    );
    expect(`${text.title} ${text.fetched}`).not.toMatch(AUTH0_ONLY);
  });

  const others = AUTH_PROVIDERS.filter((provider) => provider !== "clerk");
  it.each(others.flatMap((provider) => ROUTERS.map((router) => [provider, router] as const)))(
    "says nothing Clerk-only under %s (%s router)",
    (provider, router) => {
      const text = serverAuthText(provider, router);
      expect(`${text.title} ${text.fetched}`).not.toMatch(CLERK_ONLY);
    },
  );

  it("speaks of the auth provider for a provider without text of its own", () => {
    for (const router of ROUTERS) {
      const text = serverAuthText("some-new-provider" as AuthProviderName, router);
      expect(text.fetched).toContain("the auth provider");
      expect(`${text.title} ${text.fetched}`).not.toMatch(CLERK_ONLY);
      expect(`${text.title} ${text.fetched}`).not.toMatch(AUTH0_ONLY);
    }
  });
});

describe("the apps' /server-auth pages", () => {
  const apps = fileURLToPath(new URL("../../../apps/", import.meta.url));
  it.each([
    ["app", `${apps}app-router/app/server-auth/page.tsx`],
    ["pages", `${apps}pages-router/pages/server-auth.tsx`],
  ])(
    "take their provider text from serverAuthText (%s router), hard-coding none",
    (router, file) => {
      const source = readFileSync(file, "utf8");
      expect(source).toContain(`serverAuthText(env.provider, "${router}")`);
      // Comments included: they too must not claim one provider when the build may use another.
      expect(source).not.toMatch(CLERK_ONLY);
      expect(source).not.toMatch(AUTH0_ONLY);
    },
  );
});
