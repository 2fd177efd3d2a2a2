// Signed-out visitors are sent to sign in; the real <SignIn/> brings them back; signing out ends the session.
import { expectSignedIn, signInThroughUi, signOutThroughUi } from "../fixtures/sign-in";
import { expect, test } from "../fixtures/test";
import { user } from "../fixtures/users";

for (const path of ["/private", "/server-auth"]) {
  test(`signed-out visitors of ${path} are redirected to sign in`, async ({ page, baseURL }) => {
    await page.goto(path);
    await expect(page).toHaveURL(/\/sign-in/);
    const redirect = new URL(page.url()).searchParams.get("redirect_url");
    expect(redirect).toBe(`${baseURL ?? ""}${path}`);
    await expect(page.getByLabel("Email address")).toBeVisible();
  });
}

test("sign in through <SignIn/>, land on the protected page, sign out", async ({ page }) => {
  await page.goto("/private");
  await signInThroughUi(page, user("bob"));
  await expect(page).toHaveURL(/\/private$/);
  await expect(page.getByRole("heading", { name: "Only you can see these" })).toBeVisible();
  await expectSignedIn(page);

  await signOutThroughUi(page);
  await page.goto("/server-auth");
  await expect(page).toHaveURL(/\/sign-in/);
});
