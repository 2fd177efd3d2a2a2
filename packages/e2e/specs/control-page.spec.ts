// The benchmark's control page (packages/bench): the shared layout and nothing else, rendered per request like the
// data pages it is compared with, so its TTFB is what a page costs without its Convex calls.
import { CONTROL_PAGE } from "@repo/ui/demo-pages";

import { expect, test } from "../fixtures/test";

test("the control page renders the layout and its note, per request", async ({ request, page }) => {
  const response = await request.get(CONTROL_PAGE.path);
  expect(response.status()).toBe(200);
  expect(await response.text()).toContain(CONTROL_PAGE.text);
  // Dynamic, not prerendered: Next sends a static or ISR page with s-maxage, a per-request render with no-store.
  expect(response.headers()["cache-control"]).toContain("no-store");

  await page.goto(CONTROL_PAGE.path);
  await expect(page.getByRole("heading", { name: "Control" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Demo pages" })).toBeVisible();
});
