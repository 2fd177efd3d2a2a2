// The CLI's deployment preflight against the local backend as a self-hosted deployment: `npx convex dev` asks
// for the canonical URLs (/api/v1/get_canonical_urls) and writes them to .env.local before it pushes.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { CliBackend } from "./harness";
import { startCliBackend } from "./harness";

let cli: CliBackend;
beforeAll(async () => {
  cli = await startCliBackend();
});
afterAll(async () => {
  await cli.stop();
});

describe("CLI preflight", () => {
  it("selects the self-hosted deployment and saves its canonical URLs to .env.local", async () => {
    const result = await cli.run(["dev", "--skip-push"]);
    // A 404 shows up as "… 404 …" or "Not Found", never inside a port number such as 127.0.0.1:40439.
    expect(result.stderr).not.toMatch(/Error|\b404\b|Not Found/);
    expect(result.code).toBe(0);
    const envFile = join(cli.appDir, ".env.local");
    expect(existsSync(envFile)).toBe(true);
    const saved = readFileSync(envFile, "utf8");
    expect(saved).toContain(cli.backend.url);
    expect(saved).toContain(cli.backend.siteUrl);
  });

  it("answers the canonical URLs to the admin key only", async () => {
    const url = `${cli.backend.url}/api/v1/get_canonical_urls`;
    const ok = await fetch(url, { headers: { authorization: `Convex ${cli.backend.adminKey}` } });
    expect(await ok.json()).toEqual({
      convexCloudUrl: cli.backend.url,
      convexSiteUrl: cli.backend.siteUrl,
    });
    expect((await fetch(url)).status).toBe(401);
  });

  it("answers the cloud URL system query (function-spec)", async () => {
    const response = await fetch(`${cli.backend.url}/api/function`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        authorization: `Convex ${cli.backend.adminKey}`,
      },
      body: JSON.stringify({ path: "_system/cli/convexUrl:cloudUrl", args: {} }),
    });
    expect(await response.json()).toMatchObject({ status: "success", value: cli.backend.url });
  });
});
