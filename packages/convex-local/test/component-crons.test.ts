// A component's own crons.ts runs in that component (test/fixtures/local-component-app: a component of the app's
// own, beside convex/, mounted from a relative import), and the app reads it through components.ticker.*.
import { makeFunctionReference } from "convex/server";
import { afterAll, beforeAll, expect, it } from "vitest";

import type { ConvexLocal } from "../src/index";
import { httpClient, startAppBackend, tickerApp } from "./support";

const count = makeFunctionReference<"query", Record<string, never>, number>("ticks:count");

let backend: ConvexLocal;
beforeAll(async () => {
  backend = await startAppBackend(tickerApp);
});
afterAll(async () => {
  await backend.stop();
});

it("runs the component's interval job again and again (1 s, observed for at most 8 s)", async () => {
  const client = httpClient(backend.url);
  await expect
    .poll(() => client.query(count, {}), { timeout: 8_000, interval: 250 })
    .toBeGreaterThanOrEqual(2);
});

it("keeps the component's functions out of the app's API", async () => {
  const client = httpClient(backend.url);
  await expect(
    client.query(makeFunctionReference<"query">("ticker/ticks:count"), {}),
  ).rejects.toThrow(/Could not find public function/);
});
