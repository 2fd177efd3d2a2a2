// After hydration the pages stay live: a write made elsewhere shows up without a reload.
import { api } from "@repo/convex/api";
import { DEFAULT_LIST } from "@repo/convex/limits";

import { expectSamePage, markPage } from "../fixtures/no-reload";
import { expect, test } from "../fixtures/test";

for (const path of ["/", "/preloaded"]) {
  test(`a mutation from another client appears live on ${path}`, async ({
    page,
    convex,
    uniqueText,
  }) => {
    await page.goto(path);
    const tasks = page.getByRole("list", { name: "Tasks" }).first();
    // Subscribed: the list (or its empty state) has replaced the loading state.
    await expect(page.getByText("Loading tasks…")).toHaveCount(0);
    await markPage(page);

    const text = uniqueText("Live");
    await convex.mutation(api.tasks.create, { text, list: DEFAULT_LIST });
    await expect(tasks.getByText(text)).toBeVisible();
    await expectSamePage(page);
  });
}

test(
  "a mutation from another client appears live for a signed-in visitor",
  { tag: "@auth" },
  async ({ pageAs, convex, uniqueText }) => {
    const page = await pageAs("alice");
    await page.goto("/");
    await expect(page.getByRole("button", { name: "Open user menu" })).toBeVisible();
    const tasks = page.getByRole("list", { name: "Tasks" }).first();
    await expect(page.getByText("Loading tasks…")).toHaveCount(0);
    await markPage(page);

    const text = uniqueText("Live signed in");
    await convex.mutation(api.tasks.create, { text, list: DEFAULT_LIST });
    await expect(tasks.getByText(text)).toBeVisible();
    await expectSamePage(page);
  },
);
