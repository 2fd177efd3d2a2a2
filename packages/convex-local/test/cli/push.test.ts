// The real, pinned `convex` CLI pushes a fixture app (test/fixtures/push-app: no "type": "module", so the
// pushed bundles must load as ESM on their own) to a local backend: deploy, codegen, the pushed functions over
// the HTTP API and the site port, restart from the pushed modules, and a schema the stored documents violate.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { brotliCompressSync } from "node:zlib";

import { afterAll, beforeAll, describe, expect, test } from "vitest";

import type { CliBackend } from "./harness";
import { startCliBackend } from "./harness";

const CLI_TIMEOUT = 120_000;

async function call(
  cli: CliBackend,
  kind: "query" | "mutation",
  path: string,
  args: Record<string, unknown>,
): Promise<{ status: number; body: { status?: string; value?: unknown; errorMessage?: string } }> {
  const response = await fetch(`${cli.backend.url}/api/${kind}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ path, args: [args], format: "json" }),
  });
  return { status: response.status, body: (await response.json()) as never };
}

function pushRoute(cli: CliBackend, path: string, body: Buffer | string, headers = {}) {
  return fetch(`${cli.backend.url}${path}`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      authorization: `Convex ${cli.backend.adminKey}`,
      ...headers,
    },
    body: typeof body === "string" ? body : new Uint8Array(body),
  });
}

describe("convex deploy against the local backend", () => {
  let cli: CliBackend;
  beforeAll(async () => {
    cli = await startCliBackend({ fixture: "push-app" });
  });
  afterAll(async () => {
    await cli.stop();
  });

  test(
    "deploy pushes the bundles, which then serve over the HTTP API and the site port",
    async () => {
      // Before the push the source folder serves: the pushed-only function does not exist yet.
      writeFileSync(
        join(cli.appDir, "convex", "extra.ts"),
        'import { query } from "./_generated/server";\nexport const ping = query({ args: {}, handler: () => "pong" });\n',
      );
      expect((await call(cli, "query", "extra:ping", {})).body.status).toBe("error");

      const result = await cli.run(["deploy", "-y", "--typecheck", "disable"], {
        timeoutMs: CLI_TIMEOUT,
      });
      expect(result.code, result.stderr).toBe(0);
      expect(result.stderr).toContain("Deployed Convex functions to");
      expect(result.stderr).toMatch(/\[\+\] notes\.by_author/);

      expect((await call(cli, "query", "extra:ping", {})).body.value).toBe("pong");
      const added = await call(cli, "mutation", "notes:add", { body: "hi", author: "ada" });
      expect(added.body.status).toBe("success");
      expect((await call(cli, "query", "notes:list", {})).body.value).toEqual([
        { body: "hi", author: "ada" },
      ]);
      // Internal functions stay internal after a push.
      expect((await call(cli, "query", "notes:count", {})).body.errorMessage).toMatch(
        /Could not find public function/,
      );
      const site = await fetch(`${cli.backend.siteUrl}/hello`);
      expect(await site.text()).toBe("hello from a push");
    },
    CLI_TIMEOUT,
  );

  test(
    "get_config_hashes reports the pushed modules, so an unchanged push sends nothing again",
    async () => {
      const response = await pushRoute(cli, "/api/get_config_hashes", "{}");
      const hashes = (await response.json()) as {
        config: { functions: string };
        moduleHashes: { path: string; hash: string }[];
      };
      expect(hashes.config.functions).toBe("convex/");
      expect(hashes.moduleHashes.map((module) => module.path)).toEqual(
        expect.arrayContaining(["notes.js", "http.js", "extra.js"]),
      );
      const again = await cli.run(["deploy", "-y", "--typecheck", "disable"], {
        timeoutMs: CLI_TIMEOUT,
      });
      expect(again.code, again.stderr).toBe(0);
      expect((await call(cli, "query", "extra:ping", {})).body.value).toBe("pong");
    },
    CLI_TIMEOUT,
  );

  test(
    "a schema the stored documents violate is refused naming the table and document; the old code keeps serving",
    async () => {
      const schemaFile = join(cli.appDir, "convex", "schema.ts");
      const schema = readFileSync(schemaFile, "utf8");
      writeFileSync(schemaFile, schema.replace("author: v.string()", "author: v.number()"));
      const result = await cli.run(["deploy", "-y", "--typecheck", "disable"], {
        timeoutMs: CLI_TIMEOUT,
      });
      writeFileSync(schemaFile, schema);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain("Schema validation failed");
      expect(result.stderr).toMatch(
        /Document with ID "\w+notes" in table "notes" does not match the schema: Value does not match validator\.\nPath: \.author\nValue: "ada"\nValidator: v\.float64\(\)/,
      );
      // Still the old code and schema: the write that the old schema allows goes through.
      expect(
        (await call(cli, "mutation", "notes:add", { body: "b", author: "bo" })).body.status,
      ).toBe("success");
    },
    CLI_TIMEOUT,
  );

  test(
    "a restart serves the last accepted push, not the source folder",
    async () => {
      await cli.restartBackend();
      expect((await call(cli, "query", "extra:ping", {})).body.value).toBe("pong");
      expect(cli.backend.functionsDir).toContain(join(cli.dataDir, "modules"));
    },
    CLI_TIMEOUT,
  );

  test(
    "codegen with the real CLI writes _generated from the push analysis",
    async () => {
      const result = await cli.run(["codegen", "--typecheck", "disable"], {
        timeoutMs: CLI_TIMEOUT,
      });
      expect(result.code, result.stderr).toBe(0);
      const api = readFileSync(join(cli.appDir, "convex", "_generated", "api.d.ts"), "utf8");
      expect(api).toContain('import type * as extra from "../extra.js";');
      expect(api).toContain('import type * as notes from "../notes.js";');
    },
    CLI_TIMEOUT,
  );

  test(
    "dev --once pushes a new function file and regenerates _generated",
    async () => {
      writeFileSync(
        join(cli.appDir, "convex", "later.ts"),
        'import { query } from "./_generated/server";\nexport const ping = query({ args: {}, handler: () => "later" });\n',
      );
      const result = await cli.run(["dev", "--once", "--typecheck", "disable"], {
        timeoutMs: CLI_TIMEOUT,
      });
      expect(result.code, result.stderr).toBe(0);
      expect(result.stderr).toContain("Convex functions ready!");
      expect((await call(cli, "query", "later:ping", {})).body.value).toBe("later");
      const api = readFileSync(join(cli.appDir, "convex", "_generated", "api.d.ts"), "utf8");
      expect(api).toContain('import type * as later from "../later.js";');
    },
    CLI_TIMEOUT,
  );

  test(
    "run --push pushes a new function file first, then runs it",
    async () => {
      writeFileSync(
        join(cli.appDir, "convex", "pushed.ts"),
        'import { query } from "./_generated/server";\nexport const echo = query({ args: {}, handler: () => "pushed first" });\n',
      );
      const result = await cli.run(["run", "--push", "--typecheck", "disable", "pushed:echo"], {
        timeoutMs: CLI_TIMEOUT,
      });
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toContain("pushed first");
      expect((await call(cli, "query", "pushed:echo", {})).body.value).toBe("pushed first");
    },
    CLI_TIMEOUT,
  );

  test(
    "function-spec lists the pushed functions with their validators and the HTTP routes",
    async () => {
      const result = await cli.run(["function-spec"], { timeoutMs: CLI_TIMEOUT });
      expect(result.code, result.stderr).toBe(0);
      const spec = JSON.parse(result.stdout) as { url: string; functions: unknown[] };
      expect(spec.url).toBe(cli.backend.url);
      expect(spec.functions).toContainEqual(
        expect.objectContaining({
          identifier: "notes.js:add",
          functionType: "Mutation",
          visibility: { kind: "public" },
        }),
      );
      expect(spec.functions).toContainEqual(
        expect.objectContaining({ identifier: "notes.js:count", visibility: { kind: "internal" } }),
      );
      expect(spec.functions).toContainEqual({
        functionType: "HttpAction",
        method: "GET",
        path: "/hello",
      });
    },
    CLI_TIMEOUT,
  );

  test("push routes refuse bad input with 4xx and change nothing", async () => {
    const unauthorized = await fetch(`${cli.backend.url}/api/deploy2/start_push`, {
      method: "POST",
      body: "{}",
    });
    expect(unauthorized.status).toBe(401);
    const garbage = await pushRoute(cli, "/api/deploy2/start_push", Buffer.from("not brotli"), {
      "content-encoding": "br",
    });
    expect(garbage.status).toBe(400);
    expect(((await garbage.json()) as { code: string }).code).toBe("BadBrotliBody");
    const notJson = await pushRoute(cli, "/api/deploy2/start_push", brotliCompressSync("{"), {
      "content-encoding": "br",
    });
    expect(notJson.status).toBe(400);
    const wrongShape = await pushRoute(
      cli,
      "/api/deploy2/start_push",
      JSON.stringify({ dryRun: "yes" }),
    );
    expect(wrongShape.status).toBe(400);
    expect(((await wrongShape.json()) as { message: string }).message).toMatch(/dryRun/);
    const request = {
      dryRun: false,
      functions: "convex/",
      appDefinition: {
        definition: null,
        dependencies: [],
        schema: null,
        changedModules: [{ path: "../escape.js", source: "export {}", environment: "isolate" }],
        unchangedModuleHashes: [],
        udfServerVersion: "1.48.0",
      },
      componentDefinitions: [],
      nodeDependencies: [],
    };
    const escape = await pushRoute(cli, "/api/deploy2/start_push", JSON.stringify(request));
    expect(escape.status).toBe(400);
    expect(((await escape.json()) as { code: string }).code).toBe("InvalidModulePath");
    const throwing = await pushRoute(
      cli,
      "/api/deploy2/start_push",
      JSON.stringify({
        ...request,
        appDefinition: {
          ...request.appDefinition,
          changedModules: [
            { path: "boom.js", source: 'throw new Error("boom");', environment: "isolate" },
          ],
        },
      }),
    );
    expect(throwing.status).toBe(400);
    expect(((await throwing.json()) as { message: string }).message).toMatch(
      /Failed to analyze boom\.js: Uncaught boom/,
    );
    // Components: a definition mounting one the push does not carry, a component module escaping its folder,
    // a definition pushed twice, and a malformed definition entry.
    const appConfig = (mounted: string) => ({
      path: "convex.config.js",
      source:
        `import child from "./_componentDeps/${Buffer.from(mounted).toString("base64url")}";\n` +
        "export default { export: () => ({}), child };",
      environment: "isolate",
    });
    const component = (definitionPath: string, modulePath = "lib.js") => ({
      definitionPath,
      definition: {
        path: "convex.config.js",
        source: "export default {};",
        environment: "isolate",
      },
      dependencies: [],
      schema: null,
      functions: [{ path: modulePath, source: "export {};", environment: "isolate" }],
    });
    const withComponents = (definitions: unknown[], mounted = "../c") => ({
      ...request,
      appDefinition: {
        ...request.appDefinition,
        changedModules: [],
        definition: appConfig(mounted),
        dependencies: ["../c"],
      },
      componentDefinitions: definitions,
    });
    for (const [body, pattern] of [
      [withComponents([component("../c")], "../missing"), /does not carry/],
      [withComponents([component("../c", "../../escape.js")]), /Invalid module path/],
      [withComponents([component("../c"), component("../c")]), /pushed twice/],
      [withComponents([{ definitionPath: "../c" }]), /componentDefinitions\.0\.definition/],
    ] as const) {
      const refused = await pushRoute(cli, "/api/deploy2/start_push", JSON.stringify(body));
      expect(refused.status).toBe(400);
      expect(((await refused.json()) as { message: string }).message).toMatch(pattern);
    }
    const unknown = await pushRoute(
      cli,
      "/api/deploy2/finish_push",
      JSON.stringify({ startPush: { schemaChange: { schemaIds: { "": "nope" } } }, dryRun: false }),
    );
    expect(unknown.status).toBe(400);
    expect((await call(cli, "query", "extra:ping", {})).body.value).toBe("pong");
  });
});
