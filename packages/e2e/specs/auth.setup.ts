// Signs each user in once through the provider's real sign-in UI and saves the browser state the specs reuse.
// Both apps run on 127.0.0.1, and cookies ignore ports, so one sign-in serves both projects.
import { env } from "../env";
import { expectSignedIn, signInThroughUi } from "../fixtures/sign-in";
import { test } from "../fixtures/test";
import { storageStatePath } from "../fixtures/users";

for (const account of env.users) {
  test(`sign in as ${account.key}`, { tag: "@auth" }, async ({ page }) => {
    await page.goto("/sign-in");
    await signInThroughUi(page, account);
    // Convex accepted the token too (the private page renders only then).
    await page.goto("/private");
    await expectSignedIn(page);
    await test.expect(page.getByRole("heading", { name: "Only you can see these" })).toBeVisible();
    await page.context().storageState({ path: storageStatePath(account.key) });
  });
}
