// The offline stack's revalidation secret: generated once into the data folder (owner-only), the same on every start,
// and handed to the apps and to Convex with the apps' URLs.
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { afterAll, expect, it } from "vitest";

import { revalidationEnv } from "../src/revalidation-env";
import { testSettings } from "./settings";

const dataDir = mkdtempSync(join(tmpdir(), "offline-stack-revalidate-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const settings = testSettings({
  dataDir,
  appUrls: ["http://127.0.0.1:3300", "http://127.0.0.1:3301"],
});

it("makes one secret for the apps and Convex, keeps it across starts, readable by its owner only", () => {
  const first = revalidationEnv(settings);
  expect(first.app.REVALIDATE_SECRET).toMatch(/^[0-9a-f]{64}$/);
  expect(first.convex.REVALIDATE_SECRET).toBe(first.app.REVALIDATE_SECRET);
  expect(first.convex.REVALIDATE_URLS).toBe("http://127.0.0.1:3300,http://127.0.0.1:3301");
  expect(revalidationEnv(settings).app.REVALIDATE_SECRET).toBe(first.app.REVALIDATE_SECRET);
  expect(statSync(join(dataDir, "revalidate-secret.json")).mode & 0o777).toBe(0o600);
});

it("gives another data folder another secret", () => {
  const other = mkdtempSync(join(tmpdir(), "offline-stack-revalidate-"));
  try {
    expect(revalidationEnv({ ...settings, dataDir: other }).app.REVALIDATE_SECRET).not.toBe(
      revalidationEnv(settings).app.REVALIDATE_SECRET,
    );
  } finally {
    rmSync(other, { recursive: true, force: true });
  }
});
