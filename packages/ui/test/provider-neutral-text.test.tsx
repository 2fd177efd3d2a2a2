// Honest on-screen text: what @repo/ui renders the same under every auth provider (the page registry, the header,
// the /private page) names none of them, so nothing Clerk-only shows under Auth0 (the e2e suite checks the pages
// under Auth0 too).
import { render } from "@testing-library/react";
import { afterAll, beforeAll, expect, it } from "vitest";

import { DEMO_PAGES } from "../src/demo-pages";
import { PrivateDemo } from "../src/demo-sections";
import { SiteHeader } from "../src/site-header";
import { LOADING, WithTestAuth } from "./support/auth";
import type { TestBackend } from "./support/backend";
import { startBackend } from "./support/backend";

const PROVIDER_SPECIFIC = /Clerk|Auth0|getAuth|getSession|\bauth\(\)/;

let backend: TestBackend;
beforeAll(async () => {
  backend = await startBackend();
});
afterAll(async () => {
  await backend.stop();
});

it("the page registry's titles and differences name no provider", () => {
  for (const page of DEMO_PAGES) {
    expect(`${page.title} ${page.difference}`, page.title).not.toMatch(PROVIDER_SPECIFIC);
  }
});

it.each(["app", "pages"] as const)(
  "the header and the /private page render no provider's name (%s router)",
  (router) => {
    const view = render(
      <WithTestAuth auth={LOADING} client={backend.reactClient()}>
        <SiteHeader router={router} currentPath="/private" />
        <PrivateDemo />
      </WithTestAuth>,
    );
    expect(view.container.textContent).toContain("Private tasks");
    expect(view.container.textContent).not.toMatch(PROVIDER_SPECIFIC);
  },
);
