// Components arriving by push: the pinned CLI deploys test/fixtures/components-app (its convex.config.ts mounting
// published components) to a backend that served an app without any. start_push carries each component
// definition (bundled convex.config, schema, functions); after finish_push they run as from source, their data
// persists across a restart (the last push serves), and codegen types `components.*` from the push's analysis.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

import { ConvexHttpClient } from "convex/browser";
import { makeFunctionReference } from "convex/server";
import { ConvexError } from "convex/values";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { CliBackend } from "./harness";
import { copyFixtureApp, runCli, startCliBackend } from "./harness";

let cli: CliBackend;
let app: string;
beforeAll(async () => {
  cli = await startCliBackend();
  app = copyFixtureApp("components-app");
}, 60_000);
afterAll(async () => {
  await cli.stop();
});

const push = (args: string[]) =>
  runCli(
    app,
    args,
    {
      CONVEX_SELF_HOSTED_URL: cli.backend.url,
      CONVEX_SELF_HOSTED_ADMIN_KEY: cli.backend.adminKey,
    },
    { timeoutMs: 120_000 },
  );

const send = makeFunctionReference<"mutation", { user: string }, string>("limits:send");
const remaining = makeFunctionReference<"query", { user: string }, number>("limits:remaining");
const add = makeFunctionReference<"mutation", { name: string; count: number }>("counters:add");
const count = makeFunctionReference<"query", { name: string }, number>("counters:count");

describe("npx convex deploy with components", () => {
  it("pushes the components and serves them", async () => {
    const deployed = await push(["deploy", "-y", "--codegen", "disable", "--typecheck", "disable"]);
    expect(deployed.code, deployed.stderr).toBe(0);

    const client = new ConvexHttpClient(cli.backend.url);
    for (let index = 0; index < 3; index++) await client.mutation(send, { user: "pushed" });
    await expect(client.mutation(send, { user: "pushed" })).rejects.toBeInstanceOf(ConvexError);
    await client.mutation(add, { name: "pushed", count: 4 });
    expect(await client.query(count, { name: "pushed" })).toBe(4);

    const tables = await cli.run(["data", "--component", "rateLimiter"]);
    expect(tables.code, tables.stderr).toBe(0);
    expect(tables.stdout).toContain("rateLimits");
  }, 150_000);

  it("serves the pushed components after a restart, with their data", async () => {
    await cli.restartBackend();
    const client = new ConvexHttpClient(cli.backend.url);
    expect(await client.query(count, { name: "pushed" })).toBe(4);
    expect(await client.query(remaining, { user: "pushed" })).toBeLessThan(1);
    await expect(client.mutation(send, { user: "pushed" })).rejects.toBeInstanceOf(ConvexError);
  }, 60_000);

  it("an unchanged re-push keeps the components' data", async () => {
    const again = await push(["deploy", "-y", "--codegen", "disable", "--typecheck", "disable"]);
    expect(again.code, again.stderr).toBe(0);
    const client = new ConvexHttpClient(cli.backend.url);
    expect(await client.query(count, { name: "pushed" })).toBe(4);
  }, 150_000);

  it("codegen types components.* from the push's analysis", async () => {
    const generated = await push(["codegen", "--typecheck", "disable"]);
    expect(generated.code, generated.stderr).toBe(0);
    const api = join(app, "convex", "_generated", "api.d.ts");
    expect(existsSync(api)).toBe(true);
    const text = readFileSync(api, "utf8");
    expect(text).toMatch(
      /rateLimiter: import\("@convex-dev\/rate-limiter\/_generated\/component\.js"\)\.ComponentApi<"rateLimiter">/,
    );
    expect(text).toMatch(
      /jobPool: import\("@convex-dev\/workpool\/_generated\/component\.js"\)\.ComponentApi<"jobPool">/,
    );
  }, 150_000);
});
