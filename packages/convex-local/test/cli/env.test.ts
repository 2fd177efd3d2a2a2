// `npx convex env set/get/list/remove`: variables persist in the data dir across restarts, functions read them
// (and CONVEX_CLOUD_URL / CONVEX_SITE_URL) through process.env, and bad updates are 4xx that change nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { CliBackend } from "./harness";
import { startCliBackend } from "./harness";

let cli: CliBackend;
beforeAll(async () => {
  cli = await startCliBackend({ backend: { env: { FROM_STACK: "stack-value" } } });
});
afterAll(async () => {
  await cli.stop();
});

async function functionEnv(names: string[]): Promise<Record<string, string | null>> {
  const result = await cli.run(["run", "deployment:env", JSON.stringify({ names })]);
  expect(result.stderr).not.toMatch(/Failed/);
  return JSON.parse(result.stdout) as Record<string, string | null>;
}

async function update(body: string, authorization = `Convex ${cli.backend.adminKey}`) {
  return await fetch(`${cli.backend.url}/api/update_environment_variables`, {
    method: "POST",
    headers: { authorization, "content-type": "application/json" },
    body,
  });
}

describe("npx convex env", () => {
  it("sets, gets, lists and removes variables that functions read, kept across a restart", async () => {
    expect((await cli.run(["env", "set", "GREETING", "hello world"])).code).toBe(0);
    expect((await cli.run(["env", "set", "API_TOKEN=abc=123"])).code).toBe(0);

    const got = await cli.run(["env", "get", "GREETING"]);
    expect(got.code).toBe(0);
    expect(got.stdout.trim()).toBe("hello world");

    const listed = await cli.run(["env", "list"]);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain("API_TOKEN=abc=123");
    expect(listed.stdout).toContain("FROM_STACK=stack-value");
    expect(listed.stdout).toMatch(/GREETING=("?)hello world\1/);
    expect(listed.stdout).not.toContain("CONVEX_CLOUD_URL");

    expect(await functionEnv(["GREETING", "API_TOKEN", "FROM_STACK"])).toEqual({
      GREETING: "hello world",
      API_TOKEN: "abc=123",
      FROM_STACK: "stack-value",
    });

    await cli.restartBackend();
    expect((await cli.run(["env", "get", "API_TOKEN"])).stdout.trim()).toBe("abc=123");
    expect((await cli.run(["env", "remove", "API_TOKEN"])).code).toBe(0);
    expect(await functionEnv(["API_TOKEN", "GREETING"])).toEqual({
      API_TOKEN: null,
      GREETING: "hello world",
    });
    const missing = await cli.run(["env", "get", "API_TOKEN"]);
    expect(missing.stdout.trim()).toBe("");
  });

  it("always sets CONVEX_CLOUD_URL and CONVEX_SITE_URL, which env set cannot change", async () => {
    expect(await functionEnv(["CONVEX_CLOUD_URL", "CONVEX_SITE_URL"])).toEqual({
      CONVEX_CLOUD_URL: cli.backend.url,
      CONVEX_SITE_URL: cli.backend.siteUrl,
    });
    const refused = await cli.run(["env", "set", "CONVEX_SITE_URL", "http://elsewhere"]);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/CONVEX_SITE_URL/);
  });

  it("refuses malformed or unauthorized updates with a 4xx, changing nothing", async () => {
    const before = await cli.run(["env", "list"]);
    const attempts: [string, string | undefined, number][] = [
      ["{", undefined, 400],
      ['{"changes":{}}', undefined, 400],
      ['{"changes":[{"name":"A","value":1}]}', undefined, 400],
      ['{"changes":[{"name":"OK","value":"x"},{"name":"1BAD","value":"x"}]}', undefined, 400],
      [JSON.stringify({ changes: [{ name: "BIG", value: "x".repeat(8193) }] }), undefined, 400],
      [
        JSON.stringify({
          changes: Array.from({ length: 101 }, (_, i) => ({ name: `V${i}`, value: "x" })),
        }),
        undefined,
        400,
      ],
      ['{"changes":[{"name":"OK","value":"x"}]}', "", 401],
      ['{"changes":[{"name":"OK","value":"x"}]}', "Convex local|01beef", 401],
      ['{"changes":[{"name":"OK","value":"x"}]}', "Bearer token", 401],
    ];
    for (const [body, authorization, status] of attempts) {
      const response = await update(body, authorization);
      expect(response.status, body.slice(0, 60)).toBe(status);
      const error = (await response.json()) as { code: string; message: string };
      expect(error.message.length).toBeGreaterThan(0);
    }
    expect((await cli.run(["env", "list"])).stdout).toBe(before.stdout);
  });
});
