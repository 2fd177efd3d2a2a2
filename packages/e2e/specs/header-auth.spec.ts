// The App Router's header takes its signed-in state from the server (the provider's session, read per request and
// streamed into the prerendered shell), so a signed-in first load never shows "Checking sign-in…", not even for a
// moment: every node the page ever inserted is watched from before the first byte is parsed.
import type { Page } from "@playwright/test";

import { expectSignedIn } from "../fixtures/sign-in";
import { expect, test } from "../fixtures/test";

const LOADING_TEXT = "Checking sign-in…";

/** Records, from the first parsed byte on, whether any node ever showed `text`. */
async function watchForText(page: Page, text: string): Promise<() => Promise<boolean>> {
  await page.addInitScript((watched: string) => {
    const seen = { value: false };
    (window as unknown as { __sawText: typeof seen }).__sawText = seen;
    new MutationObserver((records) => {
      for (const record of records)
        for (const node of record.addedNodes)
          if (node.textContent?.includes(watched)) seen.value = true;
    }).observe(document, { childList: true, subtree: true, characterData: true });
  }, text);
  return () =>
    page.evaluate(() => (window as unknown as { __sawText: { value: boolean } }).__sawText.value);
}

// Not /private: its own content is gated on Convex's auth state (AuthGate), which has a loading state by design.
for (const path of ["/", "/preloaded", "/cached"]) {
  test(
    `a signed-in first load of ${path} shows the account control without a sign-in check`,
    { tag: "@auth" },
    async ({ pageAs, router }) => {
      test.skip(
        router === "pages",
        "The Pages Router's header has no server-side auth state: reading the session in _app (getInitialProps) " +
          "would make every page server-rendered, the static ones included.",
      );
      const page = await pageAs("alice");
      const sawLoading = await watchForText(page, LOADING_TEXT);
      await page.goto(path);
      await expectSignedIn(page);
      expect(await sawLoading(), `"${LOADING_TEXT}" was shown`).toBe(false);
    },
  );
}

test(
  "a signed-out first load offers sign-in without a sign-in check",
  { tag: "@auth" },
  async ({ page, router }) => {
    test.skip(router === "pages", "The Pages Router's header has no server-side auth state.");
    const sawLoading = await watchForText(page, LOADING_TEXT);
    await page.goto("/");
    await expect(page.getByRole("button", { name: "Sign in", exact: true })).toBeVisible();
    expect(await sawLoading(), `"${LOADING_TEXT}" was shown`).toBe(false);
  },
);
