// Silent refresh: once the first ID token's lifetime has run out, the same page keeps writing and reading private
// data live (the Convex client fetched a refreshed token), and server rendering still carries the user's token
// (the middleware refreshed it before the page rendered) — with refresh-token rotation along the way.
import type { Page } from "@playwright/test";

import { env, OIDC_REFRESH_USER } from "../env";
import {
  addPrivateTask,
  expectServerRenderedFor,
  removePrivateTask,
} from "../fixtures/private-tasks";
import { expectSignedIn, signInThroughUi } from "../fixtures/sign-in";
import { expect, test } from "../fixtures/test";

const sessionCookie = async (page: Page) =>
  (await page.context().cookies()).find((cookie) => cookie.name === "oidc_session")?.value;

test(
  "an expiring ID token is refreshed: live private tasks and server rendering keep working past its lifetime",
  { tag: "@auth" },
  async ({ page, uniqueText }) => {
    test.skip(
      env.authProvider !== "oidc" || env.mode !== "offline",
      "only the local OpenID provider can issue one user ID tokens that expire within a test (65 s); Auth0's " +
        "offline ones live 10 h, Clerk's session tokens are refreshed by clerk-js itself",
    );
    test.setTimeout(180_000);
    const name = `${OIDC_REFRESH_USER.firstName} ${OIDC_REFRESH_USER.lastName}`;
    await page.goto("/sign-in");
    await signInThroughUi(page, OIDC_REFRESH_USER);
    await page.goto("/private");
    await expect(page.getByRole("heading", { name: "Only you can see these" })).toBeVisible();
    await expect(page.getByText("Loading tasks…")).toHaveCount(0);
    const first = await sessionCookie(page);
    expect(first).toBeDefined();

    // Past the first token's lifetime, on the same page (no reload).
    await page.waitForTimeout((OIDC_REFRESH_USER.idTokenTtl + 5) * 1000);
    const text = uniqueText("After refresh");
    await addPrivateTask(page, text);
    expect(await sessionCookie(page)).not.toBe(first);

    // Server-rendered with the refreshed token: the task is in the document's HTML.
    const response = await page.goto("/server-auth");
    expect(response?.status()).toBe(200);
    expect(await response?.text()).toContain(text);
    await expectServerRenderedFor(page, name);
    await expectSignedIn(page);

    await removePrivateTask(page, text);
  },
);
