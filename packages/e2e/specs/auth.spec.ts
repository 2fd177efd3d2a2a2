// Signed-out visitors are sent to sign in; the provider's real sign-in UI brings them back; signing out ends the
// session.
import {
  expectAtSignIn,
  expectSignedIn,
  signInThroughUi,
  signOutThroughUi,
} from "../fixtures/sign-in";
import { expect, test } from "../fixtures/test";
import { user } from "../fixtures/users";

for (const path of ["/private", "/server-auth"]) {
  test(
    `signed-out visitors of ${path} are redirected to sign in`,
    { tag: "@auth" },
    async ({ page, baseURL }) => {
      await page.goto(path);
      await expectAtSignIn(page, baseURL ?? "", path);
    },
  );
}

test(
  "sign in through the provider's UI, land on the protected page, sign out",
  { tag: "@auth" },
  async ({ page, baseURL }) => {
    await page.goto("/private");
    await signInThroughUi(page, user("bob"));
    await expect(page).toHaveURL(/\/private$/);
    await expect(page.getByRole("heading", { name: "Only you can see these" })).toBeVisible();
    await expectSignedIn(page);

    await signOutThroughUi(page);
    await page.goto("/server-auth");
    await expectAtSignIn(page, baseURL ?? "", "/server-auth");
  },
);
