// Writes that go through the Next.js server: the Server Action (App Router only) and the /api/clicks
// Route Handler / API route (both apps, same contract).
import { api } from "@repo/convex/api";
import { DEFAULT_LIST, TASK_TEXT_MAX } from "@repo/convex/limits";
import { demoPath } from "@repo/ui/demo-pages";

import { expect, test } from "../fixtures/test";

test.describe("Server Action", () => {
  test.skip(({ router }) => router !== "app", "Server Actions exist only in the App Router");

  test("adds a task and re-renders the page with it", async ({ page, router, uniqueText }) => {
    await page.goto(demoPath(router, "Server mutation"));
    const text = uniqueText("Action");
    await page.getByLabel("New task (via Server Action)").fill(text);
    await page.getByRole("button", { name: "Add" }).click();
    await expect(page.getByRole("main").getByRole("status")).toHaveText(`Added “${text}”.`);
    await expect(page.getByRole("list", { name: "Tasks" }).getByText(text)).toBeVisible();
  });

  test("rejects over-long and empty text, writing nothing", async ({
    page,
    router,
    convex,
    uniqueText,
  }) => {
    await page.goto(demoPath(router, "Server mutation"));
    const input = page.getByLabel("New task (via Server Action)");
    const tooLong = uniqueText("Too long").padEnd(TASK_TEXT_MAX + 1, "y");
    await input.fill(tooLong);
    await page.getByRole("button", { name: "Add" }).click();
    await expect(page.getByRole("main").getByRole("status")).toHaveText(
      `Task text must be at most ${TASK_TEXT_MAX} characters (got ${TASK_TEXT_MAX + 1}).`,
    );
    await expect(input).toHaveAttribute("aria-invalid", "true");

    await input.fill("");
    await page.getByRole("button", { name: "Add" }).click();
    await expect(page.getByRole("main").getByRole("status")).toHaveText(
      "Task text must not be empty.",
    );

    const tasks = await convex.query(api.tasks.list, { list: DEFAULT_LIST });
    expect(tasks.some((task) => task.text === tooLong)).toBe(false);
  });
});

test.describe("/api/clicks", () => {
  test("the button increments through the server route and the count updates live", async ({
    page,
    router,
  }) => {
    await page.goto(demoPath(router, "Route handler / API route"));
    const value = page.getByTestId("counter-value");
    await expect(value).toHaveText(/^\d+$/);
    const before = Number(await value.textContent());
    await page.getByRole("button", { name: "Add one" }).click();
    // Other tests may click too: at least one more than before.
    await expect.poll(async () => Number(await value.textContent())).toBeGreaterThan(before);
  });

  test("POST increments, GET reads, bad input is a 400 that writes nothing", async ({
    request,
    convex,
    uniqueText,
  }) => {
    const counterName = uniqueText("c").replace(/\s+/g, "-");
    const first = await request.post("/api/clicks", { data: { counterName } });
    expect(first.status()).toBe(200);
    expect(await first.json()).toEqual({ counterName, value: 1 });
    const second = await request.post("/api/clicks", { data: { counterName, by: 4 } });
    expect(await second.json()).toEqual({ counterName, value: 5 });
    const read = await request.get(`/api/clicks?counterName=${encodeURIComponent(counterName)}`);
    expect(await read.json()).toEqual({ counterName, value: 5 });

    for (const data of [{ counterName: "" }, { counterName, by: 0 }, { counterName, extra: 1 }]) {
      const bad = await request.post("/api/clicks", { data });
      expect(bad.status(), JSON.stringify(data)).toBe(400);
      expect(await bad.json()).toHaveProperty("error");
    }
    expect(await convex.query(api.counter.get, { counterName })).toBe(5);
  });
});
