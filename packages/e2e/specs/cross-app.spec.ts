// Both apps share one Convex deployment: a change in one shows up live in the other, both ways.
import { expect, test } from "../fixtures/test";

test("a change in this app appears live in the other, and back", async ({
  page,
  context,
  otherAppUrl,
  uniqueText,
}) => {
  const other = await context.newPage();
  await Promise.all([page.goto("/"), other.goto(`${otherAppUrl}/`)]);
  const here = page.getByRole("list", { name: "Tasks", exact: true });
  const there = other.getByRole("list", { name: "Tasks", exact: true });
  await expect(other.getByText("Loading tasks…")).toHaveCount(0);

  const text = uniqueText("Cross-app");
  const input = page.getByLabel("New task");
  await input.fill(text);
  await input.press("Enter");
  const itemThere = there.getByRole("listitem").filter({ hasText: text });
  await expect(itemThere).toBeVisible();

  await itemThere.getByRole("checkbox").check();
  const itemHere = here.getByRole("listitem").filter({ hasText: text });
  await expect(itemHere).toHaveClass(/done/);
  await expect(itemHere.getByRole("checkbox")).toBeChecked();
});
