// usePaginatedQuery: newest first, five at a time, "Load more" fetches the next page.
import { api } from "@repo/convex/api";
import { DEFAULT_LIST } from "@repo/convex/limits";

import { expect, test } from "../fixtures/test";

test("load more pages through the list, newest first", async ({ page, convex, uniqueText }) => {
  const batch = uniqueText("Page");
  // Seven tasks: the oldest is at least 7th newest, so never on the first page of five (other tests only
  // add newer tasks or remove their own).
  const texts = Array.from({ length: 7 }, (_, index) => `${batch} #${index}`);
  for (const text of texts) await convex.mutation(api.tasks.create, { text, list: DEFAULT_LIST });
  const [oldest] = texts;
  if (oldest === undefined) throw new Error("no tasks");

  await page.goto("/");
  const newest = page.getByRole("list", { name: "Newest tasks" });
  await expect(newest.getByText(`${batch} #6`)).toBeVisible();
  await expect(newest.getByRole("listitem")).toHaveCount(5);
  await expect(newest.getByText(oldest, { exact: true })).toHaveCount(0);

  const loadMore = page.getByRole("button", { name: "Load more" });
  // Tasks other tests add meanwhile may push ours further down: keep loading until it shows.
  await expect(async () => {
    if (await loadMore.isEnabled()) await loadMore.click();
    await expect(newest.getByText(oldest, { exact: true })).toBeVisible({ timeout: 2_000 });
  }).toPass();
  await expect(newest.getByRole("listitem").filter({ hasText: batch })).toHaveText(
    [...texts].reverse(),
  );
});
