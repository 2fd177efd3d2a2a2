// Pages that preload on the server send the data in the first HTML response, before any JavaScript runs.
import { api } from "@repo/convex/api";
import { DEFAULT_LIST } from "@repo/convex/limits";

import { expect, test } from "../fixtures/test";

test("the preloaded list is in the first HTML response", async ({
  request,
  convex,
  uniqueText,
}) => {
  const text = uniqueText("Server rendered");
  await convex.mutation(api.tasks.create, { text, list: DEFAULT_LIST });

  const response = await request.get("/preloaded");
  expect(response.status()).toBe(200);
  const html = await response.text();
  expect(html).toContain(text);
  // No loading state: neither the list's own (a client subscription without a result) nor a route-level
  // Suspense fallback streamed ahead of the content.
  expect(html).not.toContain("Loading tasks…");
  expect(html).not.toContain("Loading…");
  expect(html).toMatch(/Server says: \d+ tasks?, \d+ open\./);
  // The page's shell comes first: in the App Router (cacheComponents) it is prerendered and the list streams after it
  // in the same response.
  expect(html.indexOf("Preloaded, then live")).toBeLessThan(html.indexOf(text));
});

test("fetchQuery renders the list on the server, without a subscription", async ({
  page,
  convex,
  uniqueText,
}) => {
  const text = uniqueText("Fetched");
  await convex.mutation(api.tasks.create, { text, list: DEFAULT_LIST });
  await page.goto("/fetch-query");
  await expect(page.getByRole("list", { name: "Tasks" }).getByText(text)).toBeVisible();

  // Not reactive: a later write appears only after a reload.
  const later = uniqueText("Fetched later");
  await convex.mutation(api.tasks.create, { text: later, list: DEFAULT_LIST });
  await page.reload();
  await expect(page.getByRole("list", { name: "Tasks" }).getByText(later)).toBeVisible();
});
