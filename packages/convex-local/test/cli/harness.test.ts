// The CLI harness itself: the pinned CLI runs, and the backend it points at holds the key the CLI is given.
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

describe("CLI harness", () => {
  it("runs the pinned convex CLI (1.48.0)", async () => {
    const result = await cli.run(["--version"]);
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toBe("1.48.0");
  });

  it("serves the fixture app's functions with a key the admin routes accept", async () => {
    const response = await fetch(`${cli.backend.url}/api/check_admin_key`, {
      headers: { authorization: `Convex ${cli.backend.adminKey}` },
    });
    expect(response.status).toBe(200);
    expect(cli.backend.publicFunctions).toContain("tasks:list (query)");
    expect(cli.backend.publicFunctions.some((name) => name.startsWith("tasks:count"))).toBe(false);
  });
});
