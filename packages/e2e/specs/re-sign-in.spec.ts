// Signing out and in again starts a new session: Convex must be re-authenticated with the new session's token, in
// the browser (live queries and mutations) and on the server. With Clerk this runs for both Clerk setups for Convex
// (`e2e` runs the Convex integration, `e2e:clerk-template` the JWT template), and checks which token the browser asked
// Clerk for: the session token itself (aud "convex") or the "convex" template.
import type { Page } from "@playwright/test";

import { env } from "../env";
import {
  addPrivateTask,
  expectServerRenderedFor,
  removePrivateTask,
} from "../fixtures/private-tasks";
import { expectAtSignIn, signInThroughUi, signOutThroughUi } from "../fixtures/sign-in";
import { expect, test } from "../fixtures/test";
import { user } from "../fixtures/users";

/** The Clerk session id in the `__session` cookie's token (its `sid`), or null signed out. */
async function clerkSessionId(page: Page): Promise<string | null> {
  const cookies = await page.context().cookies();
  const token = cookies.find((cookie) => /^__session(_.+)?$/.test(cookie.name))?.value ?? "";
  const payload = token.split(".")[1];
  if (payload === undefined || payload === "") return null;
  const claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as {
    sid?: unknown;
  };
  return typeof claims.sid === "string" ? claims.sid : null;
}

test(
  "sign out, then in again: the new session authenticates Convex in the browser and on the server",
  { tag: "@auth" },
  async ({ page, baseURL, uniqueText }) => {
    const tokenPaths: string[] = [];
    page.on("request", (request) => {
      const path = new URL(request.url()).pathname;
      if (/\/v1\/client\/sessions\/[^/]+\/tokens/.test(path)) tokenPaths.push(path);
    });
    // Alice, not Bob: the rate-limit spec empties Bob's task bucket on purpose, and this one adds tasks.
    const alice = user("alice");
    const first = uniqueText("First session");
    const second = uniqueText("Second session");

    await page.goto("/private");
    await signInThroughUi(page, alice);
    await addPrivateTask(page, first);
    const firstSession = env.authProvider === "clerk" ? await clerkSessionId(page) : null;

    await signOutThroughUi(page);
    await page.goto("/private");
    await expectAtSignIn(page, baseURL ?? "", "/private");
    await signInThroughUi(page, alice);
    await expect(page).toHaveURL(/\/private$/);
    if (env.authProvider === "clerk") {
      const secondSession = await clerkSessionId(page);
      expect(secondSession).not.toBeNull();
      expect(secondSession).not.toBe(firstSession);
    }
    // Live: the first session's task, read with the new session's token, and a write through it.
    await expect(page.getByRole("listitem").filter({ hasText: first })).toBeVisible();
    await addPrivateTask(page, second);

    // Server-rendered with the new session's token.
    const document = await page.goto("/server-auth");
    await expectServerRenderedFor(page, "Alice Anders");
    expect(await document?.text()).toContain(second);
    // The page names the provider in use: nothing Clerk-only under another provider.
    if (env.authProvider !== "clerk") {
      await expect(page.locator("main")).not.toContainText(/Clerk|getAuth|auth\(\)/);
    }

    if (env.mode === "offline" && env.authProvider === "clerk") {
      const asked = tokenPaths.some((path) => path.endsWith("/tokens/convex"));
      // The Convex integration needs no template; the template setup asks for it every time.
      expect(asked).toBe(env.clerkConvexIntegration === "template");
    }

    for (const text of [first, second]) await removePrivateTask(page, text);
  },
);
