// Both apps' security headers, as served by `next start`, and the CSP in Chromium: pages that use everything the
// policy has to admit (Convex over WebSocket, Clerk's scripts and UI through /__clerk, signed-in server rendering)
// still work, and no page reports a violation (the fixture fails the test on any). Also the /api/clicks refusals a
// cross-site page would meet, through the real server and its middleware.
import { api } from "@repo/convex/api";
import { CLICKS_BODY_MAX_BYTES } from "@repo/convex/clicks-request";
import { DEFAULT_LIST } from "@repo/convex/limits";

import { expectSignedIn } from "../fixtures/sign-in";
import { expect, test } from "../fixtures/test";

/** Every response path the apps serve: pages (static and dynamic), an API route and the Clerk proxy. */
const PATHS = ["/", "/preloaded", "/sign-in", "/api/clicks?counterName=clicks"];

test("every response carries the security headers and no X-Powered-By", async ({ request }) => {
  for (const path of PATHS) {
    const response = await request.get(path, { maxRedirects: 0 });
    const headers = response.headers();
    const csp = headers["content-security-policy"] ?? "";
    expect(csp, path).toContain("frame-ancestors 'none'");
    expect(csp, path).toContain("object-src 'none'");
    expect(csp, path).not.toContain("'unsafe-eval'");
    expect(headers["x-frame-options"], path).toBe("DENY");
    expect(headers["x-content-type-options"], path).toBe("nosniff");
    expect(headers["referrer-policy"], path).toBe("no-referrer");
    expect(headers["x-powered-by"], path).toBeUndefined();
  }
});

test("a static script is served with nosniff too", async ({ page }) => {
  const scripts: string[] = [];
  page.on("response", (response) => {
    if (response.url().includes("/_next/static/") && response.url().endsWith(".js"))
      scripts.push(response.headers()["x-content-type-options"] ?? "missing");
  });
  await page.goto("/");
  await expect.poll(() => scripts.length).toBeGreaterThan(0);
  expect(new Set(scripts)).toEqual(new Set(["nosniff"]));
});

test("another page cannot frame the app", async ({ page, baseURL, cspViolations }) => {
  // An API response: a page would first meet Clerk's handshake redirects, which a third-party frame cannot finish.
  await page.setContent(`<iframe src="${baseURL}/api/clicks?counterName=clicks"></iframe>`);
  // Chromium replaces a frame refused by frame-ancestors / X-Frame-Options with its error page.
  await expect.poll(() => page.frames().at(-1)?.url()).toMatch(/^chrome-error:/);
  await expect(page.frameLocator("iframe").getByText("counterName")).toHaveCount(0);
  // Chromium may report the refusal as a violation: the one this test provokes on purpose.
  const provoked = cspViolations.filter((message) => message.includes("frame-ancestors"));
  cspViolations.splice(
    0,
    cspViolations.length,
    ...cspViolations.filter((m) => !provoked.includes(m)),
  );
});

test("a violation fails the test: the CSP watcher sees what Chromium refuses", async ({
  page,
  cspViolations,
}) => {
  await page.goto("/");
  // An image from a host img-src does not list: refused before any request is made.
  await page.evaluate(() => {
    const img = document.createElement("img");
    img.src = "https://csp-check.invalid/pixel.png";
    document.body.append(img);
  });
  await expect.poll(() => cspViolations.join("\n")).toContain("img-src");
  // Expected here; any other violation still fails the test.
  cspViolations.splice(
    0,
    cspViolations.length,
    ...cspViolations.filter((message) => !message.includes("csp-check.invalid")),
  );
});

test("signed out: live Convex data, a WebSocket write and Clerk's sign-in UI all work under the CSP", async ({
  page,
  convex,
  uniqueText,
}) => {
  await page.goto("/");
  const text = uniqueText("CSP");
  const form = page.locator("form").filter({ has: page.getByLabel("New task") });
  await form.getByLabel("New task").fill(text);
  await form.getByRole("button", { name: "Add" }).click();
  await expect(
    page.getByRole("list", { name: "Tasks", exact: true }).getByText(text),
  ).toBeVisible();
  // Stored, not just shown optimistically: the mutation went over the WebSocket.
  await expect
    .poll(async () =>
      (await convex.query(api.tasks.list, { list: DEFAULT_LIST })).some(
        (task) => task.text === text,
      ),
    )
    .toBe(true);

  await page.goto("/sign-in");
  // Rendered by clerk-js and @clerk/ui, loaded as scripts through the app's Clerk proxy.
  await expect(page.getByLabel("Email address")).toBeVisible();
});

test("signed in: Clerk's session, the Convex token and the private pages work under the CSP", async ({
  pageAs,
}) => {
  const page = await pageAs("alice");
  await page.goto("/private");
  await expectSignedIn(page);
  await expect(page.getByRole("heading", { name: "Only you can see these" })).toBeVisible();
  await page.goto("/server-auth");
  await expectSignedIn(page);
});

test.describe("/api/clicks refuses what a cross-site page can send", () => {
  test("text/plain and form posts are 415 and write nothing", async ({
    request,
    convex,
    uniqueText,
  }) => {
    const counterName = uniqueText("xsite").replace(/\s+/g, "-");
    const asText = await request.post("/api/clicks", {
      headers: { "content-type": "text/plain;charset=UTF-8" },
      data: JSON.stringify({ counterName }),
    });
    expect(asText.status()).toBe(415);
    expect(await asText.json()).toEqual({ error: "Content-Type must be application/json." });
    const asForm = await request.post("/api/clicks", { form: { counterName } });
    expect(asForm.status()).toBe(415);
    expect(await convex.query(api.counter.get, { counterName })).toBe(0);
  });

  test("a 60 MB body is a 413 with the JSON error, not a reset connection", async ({
    request,
    convex,
    uniqueText,
  }) => {
    const counterName = uniqueText("big").replace(/\s+/g, "-");
    const response = await request.post("/api/clicks", {
      headers: { "content-type": "application/json" },
      data: JSON.stringify({ counterName, pad: "x".repeat(60 * 1024 * 1024) }),
      timeout: 60_000,
    });
    expect(response.status()).toBe(413);
    expect(await response.json()).toEqual({
      error: `Request body must be at most ${CLICKS_BODY_MAX_BYTES} bytes.`,
    });
    expect(await convex.query(api.counter.get, { counterName })).toBe(0);
  });
});

test("/api/tasks refuses what a cross-site page can send (415), before any write", async ({
  request,
  convex,
  uniqueText,
}) => {
  const text = uniqueText("xsite task");
  const asText = await request.post("/api/tasks", {
    headers: { "content-type": "text/plain;charset=UTF-8" },
    data: JSON.stringify({ text }),
  });
  expect(asText.status()).toBe(415);
  expect(await asText.json()).toEqual({ error: "Content-Type must be application/json." });
  const asForm = await request.post("/api/tasks", { form: { text } });
  expect(asForm.status()).toBe(415);
  const preflight = await request.fetch("/api/tasks", {
    method: "OPTIONS",
    headers: { origin: "https://evil.example", "access-control-request-method": "POST" },
  });
  expect(preflight.status()).toBe(405);
  expect(preflight.headers()["access-control-allow-origin"]).toBeUndefined();
  const stored = await convex.query(api.tasks.list, { list: DEFAULT_LIST });
  expect(stored.map((task) => task.text)).not.toContain(text);
});
