// `npx convex run` with the admin key: public and internal functions, mutations that stick, --identity, and the
// errors the CLI prints for a missing function or bad arguments.
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

const json = (stdout: string): unknown => JSON.parse(stdout);

describe("npx convex run", () => {
  it("runs a public mutation and query", async () => {
    const added = await cli.run(["run", "tasks:add", '{"list":"run","text":"milk"}']);
    expect(added.stderr).not.toMatch(/error/i);
    expect(added.code).toBe(0);
    expect(json(added.stdout)).toEqual(expect.any(String));
    const listed = await cli.run(["run", "tasks:list", '{"list":"run"}']);
    expect(listed.code).toBe(0);
    expect(json(listed.stdout)).toEqual([
      expect.objectContaining({ list: "run", text: "milk", done: false }),
    ]);
  });

  it("runs internal functions, which clients cannot call", async () => {
    const counted = await cli.run(["run", "tasks:count"]);
    expect(counted.code).toBe(0);
    expect(json(counted.stdout)).toBeGreaterThanOrEqual(1);
    const cleared = await cli.run(["run", "tasks:clear", '{"list":"run"}']);
    expect(cleared.code).toBe(0);
    expect(json(cleared.stdout)).toBe(1);
    const client = await fetch(`${cli.backend.url}/api/query`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ path: "tasks:count", args: [{}] }),
    });
    expect(((await client.json()) as { status: string }).status).toBe("error");
  });

  it("acts as the user given with --identity, as nobody otherwise", async () => {
    const nobody = await cli.run(["run", "tasks:whoami"]);
    expect(nobody.code).toBe(0);
    // The CLI prints nothing for a null result.
    expect(nobody.stdout.trim()).toBe("");
    const user = await cli.run(["run", "tasks:whoami", "--identity", '{"subject":"user_7"}']);
    expect(user.code).toBe(0);
    expect(json(user.stdout)).toBe("user_7");
  });

  it("fails with the function's or the validator's error, writing nothing", async () => {
    const missing = await cli.run(["run", "tasks:nope"]);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toMatch(/Could not find/);
    const invalid = await cli.run(["run", "tasks:add", '{"list":1}']);
    expect(invalid.code).not.toBe(0);
    expect(invalid.stderr).toMatch(/ArgumentValidationError/);
    const count = await cli.run(["run", "tasks:count"]);
    expect(json(count.stdout)).toBe(0);
  });

  it("is refused without the right admin key", async () => {
    const wrong = await cli.run(["run", "tasks:count"], {
      env: { CONVEX_SELF_HOSTED_ADMIN_KEY: "local|01deadbeef" },
    });
    expect(wrong.code).not.toBe(0);
    expect(wrong.stderr).toMatch(/admin key/i);
  });
});
