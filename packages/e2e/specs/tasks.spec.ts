// Create, toggle and remove from the live list, each shown optimistically before the server confirms.
import { api } from "@repo/convex/api";
import { DEFAULT_LIST, TASK_TEXT_MAX } from "@repo/convex/limits";

import { holdMutations } from "../fixtures/hold-mutations";
import { expect, test } from "../fixtures/test";

test("create, toggle and remove are optimistic, then confirmed", async ({
  page,
  convex,
  uniqueText,
}) => {
  const held = await holdMutations(page);
  await page.goto("/");
  const list = page.getByRole("list", { name: "Tasks", exact: true });
  const form = page.locator("form").filter({ has: page.getByLabel("New task") });
  const text = uniqueText("Optimistic");
  const stored = () =>
    convex
      .query(api.tasks.list, { list: DEFAULT_LIST })
      .then((tasks) => tasks.find((task) => task.text === text));

  // Create: visible while the mutation is still held in the browser.
  await form.getByLabel("New task").fill(text);
  await form.getByRole("button", { name: "Add" }).click();
  const item = list.getByRole("listitem").filter({ hasText: text });
  await expect(item).toBeVisible();
  await expect(form.getByLabel("New task")).toHaveValue("");
  expect(held.count()).toBe(1);
  expect(await stored()).toBeUndefined();
  // Unconfirmed, it has no id the server knows: busy, and it cannot be toggled or removed yet.
  await expect(item).toHaveAttribute("aria-busy", "true");
  await expect(item.getByRole("checkbox")).toBeDisabled();
  held.release();
  await expect.poll(stored).toMatchObject({ text, done: false });
  await expect(item).not.toHaveAttribute("aria-busy", "true");
  await expect(item.getByRole("checkbox")).toBeEnabled();

  // Toggle: checked at once, stored after.
  held.hold();
  await item.getByRole("checkbox").check();
  await expect(item).toHaveClass(/done/);
  expect(held.count()).toBe(1);
  expect(await stored()).toMatchObject({ done: false });
  held.release();
  await expect.poll(stored).toMatchObject({ done: true });
  await expect(item.getByRole("checkbox")).toBeChecked();

  // Remove: gone from the list at once, from the table after.
  held.hold();
  await item.getByRole("button", { name: `Remove "${text}"` }).click();
  await expect(item).toHaveCount(0);
  expect(held.count()).toBe(1);
  expect(await stored()).toBeDefined();
  held.release();
  await expect.poll(stored).toBeUndefined();
  await expect(item).toHaveCount(0);
});

test("bad task text is shown as an error and nothing is written", async ({
  page,
  convex,
  uniqueText,
}) => {
  await page.goto("/");
  const input = page.getByLabel("New task");
  const form = page.locator("form").filter({ has: input });
  const tooLong = uniqueText("Long").padEnd(TASK_TEXT_MAX + 1, "x");

  await input.fill(tooLong);
  await form.getByRole("button", { name: "Add" }).click();
  await expect(form.getByRole("alert")).toHaveText(
    `Task text must be at most ${TASK_TEXT_MAX} characters.`,
  );
  await expect(input).toHaveAttribute("aria-invalid", "true");
  // The text stays for the user to fix.
  await expect(input).toHaveValue(tooLong);

  await input.fill("   ");
  await form.getByRole("button", { name: "Add" }).click();
  await expect(form.getByRole("alert")).toHaveText("Task text must not be empty.");

  const after = await convex.query(api.tasks.list, { list: DEFAULT_LIST });
  expect(after.some((task) => task.text.startsWith(tooLong.slice(0, 20)))).toBe(false);
  expect(after.filter((task) => task.text.trim() === "")).toHaveLength(0);
});
