// Task creation is rate limited per user (@convex-dev/rate-limiter in tasks.create). Over the limit the mutation
// throws the component's ConvexError and both apps say "try again in N s": the optimistic task is rolled back and
// its text handed back. Bob is the user here: no other spec creates tasks as him (re-sign-in and private-data
// write as Alice), so his bucket running empty (both projects share it) never fails another spec.
import { api } from "@repo/convex/api";
import { DEFAULT_LIST } from "@repo/convex/limits";
import { TASK_CREATION_LIMITS } from "@repo/convex/rate-limit";
import { demoPath } from "@repo/ui/demo-pages";

import { expect, test } from "../fixtures/test";

const TRY_AGAIN = /^Too many new tasks: try again in \d+ s\.$/;
/** Enough attempts to empty a full bucket, with a margin for the tokens it regains meanwhile. */
const ATTEMPTS = TASK_CREATION_LIMITS.createTask.capacity + 6;

// Tagged @auth: the limit is per signed-in user, so every provider's run (and the hosted one) checks that the
// browser, the Server Action and the server route all write as that user.
test.describe("rate-limited task creation", { tag: "@auth" }, () => {
  test.setTimeout(120_000);

  test('from the browser: refused with "try again in N s", the optimistic task rolled back', async ({
    pageAs,
    uniqueText,
  }) => {
    const bob = await pageAs("bob");
    await bob.goto("/private");
    const input = bob.getByLabel("New private task");
    const refusal = bob.getByRole("alert").filter({ hasText: /try again/ });
    let refused: string | null = null;
    for (let attempt = 0; attempt < ATTEMPTS && refused === null; attempt++) {
      const text = uniqueText(`Burst ${attempt}`);
      await input.fill(text);
      await input.press("Enter");
      // Each add shows at once (optimistically); a refusal follows within the mutation's round trip.
      await expect(bob.getByRole("listitem").filter({ hasText: text }).or(refusal)).toBeVisible();
      if (
        await refusal.waitFor({ timeout: 1_500 }).then(
          () => true,
          () => false,
        )
      )
        refused = text;
    }
    expect(refused, "the limit was never reached").not.toBeNull();
    await expect(refusal).toHaveText(TRY_AGAIN);
    await expect(bob.getByRole("listitem").filter({ hasText: refused ?? "" })).toHaveCount(0);
    await expect(input).toHaveValue(refused ?? "");
  });

  test("from the Server Action: the same refusal as the action's state, nothing written", async ({
    pageAs,
    router,
    uniqueText,
  }) => {
    test.skip(router !== "app", "Server Actions exist only in the App Router");
    const bob = await pageAs("bob");
    await bob.goto(demoPath(router, "Server mutation"));
    const input = bob.getByLabel("New task (via Server Action)");
    const status = bob.getByRole("main").getByRole("status");
    let refused: string | null = null;
    for (let attempt = 0; attempt < ATTEMPTS && refused === null; attempt++) {
      const text = uniqueText(`Action burst ${attempt}`);
      await input.fill(text);
      await bob.getByRole("button", { name: "Add" }).click();
      // The page re-renders with this attempt's outcome: added, or refused.
      const outcome = async () => {
        const shown = (await status.textContent()) ?? "";
        return shown === `Added “${text}”.` ? "added" : TRY_AGAIN.test(shown) ? "refused" : null;
      };
      await expect.poll(outcome).not.toBeNull();
      if ((await outcome()) === "refused") refused = text;
    }
    expect(refused, "the limit was never reached").not.toBeNull();
    await expect(status).toHaveText(TRY_AGAIN);
    await expect(bob.getByRole("list", { name: "Tasks" }).getByText(refused ?? "")).toHaveCount(0);
  });

  test("from the server route (Route Handler / API route): 429 with Retry-After, shown in the form, nothing written", async ({
    convex,
    pageAs,
    router,
    uniqueText,
  }) => {
    const bob = await pageAs("bob");
    await bob.goto(demoPath(router, "Route handler / API route"));
    const input = bob.getByLabel(/^New task \(via (Route Handler|API route)\)$/);
    const status = bob
      .getByRole("main")
      .getByRole("status")
      .filter({ hasText: /Added|try again/ });
    let refused: string | null = null;
    for (let attempt = 0; attempt < ATTEMPTS && refused === null; attempt++) {
      const text = uniqueText(`Route burst ${attempt}`);
      await input.fill(text);
      await bob.getByRole("button", { name: "Add", exact: true }).click();
      // This attempt's outcome: its own "Added" line, or the route's refusal.
      const outcome = async () => {
        const shown = (await status.textContent().catch(() => "")) ?? "";
        return shown === `Added “${text}”.` ? "added" : TRY_AGAIN.test(shown) ? "refused" : null;
      };
      await expect.poll(outcome).not.toBeNull();
      if ((await outcome()) === "refused") refused = text;
      else await expect(bob.getByRole("listitem").filter({ hasText: text })).toBeVisible();
    }
    expect(refused, "the limit was never reached").not.toBeNull();
    await expect(input).toHaveValue(refused ?? "");
    const stored = await convex.query(api.tasks.list, { list: DEFAULT_LIST });
    expect(stored.map((task) => task.text)).not.toContain(refused);

    // The route's own answer, with the browser's session cookies: 429, Retry-After, the same JSON error.
    const response = await bob.request.post("/api/tasks", { data: { text: uniqueText("Direct") } });
    expect(response.status()).toBe(429);
    expect(Number(response.headers()["retry-after"])).toBeGreaterThanOrEqual(1);
    const body = (await response.json()) as { error?: unknown };
    expect(body.error).toMatch(TRY_AGAIN);
  });
});
