// Durability: every acknowledged mutation survives `kill -9`, and stored data is checked against the schema on load.
import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

import { makeFunctionReference } from "convex/server";
import { afterEach, describe, expect, it } from "vitest";

import { startConvexLocal } from "../src/index";
import { httpClient } from "./support";

const bin = fileURLToPath(new URL("../bin/convex-local.js", import.meta.url));
const increment = makeFunctionReference<"mutation">("counter:increment");
const counterGet = makeFunctionReference<"query">("counter:get");
const children: ChildProcess[] = [];

afterEach(() => {
  for (const child of children.splice(0)) child.kill("SIGKILL");
});

/** Starts the real CLI as a separate process and resolves with its URL once it prints the banner. */
function startCli(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(
    process.execPath,
    [bin, "--no-watch", "--port", "0", "--site-port", "0", "--data-dir", dataDir],
    {
      env: {
        ...process.env,
        CONVEX_LOCAL_DEPLOYMENT_ENV: JSON.stringify({
          CLERK_JWT_ISSUER_DOMAIN: "http://127.0.0.1:9",
        }),
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  children.push(child);
  return new Promise((resolve, reject) => {
    let output = "";
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /URL \(NEXT_PUBLIC_CONVEX_URL\):\s+(\S+)/.exec(output);
      if (match?.[1] !== undefined) resolve({ child, url: match[1] });
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.on("exit", (code) => reject(new Error(`convex-local exited with ${code}: ${output}`)));
  });
}

describe("persistence", () => {
  it("keeps every acknowledged mutation across kill -9", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "convex-local-"));
    const first = await startCli(dataDir);
    const client = httpClient(first.url);
    // Fire-and-count: only mutations the server acknowledged must survive.
    let acknowledged = 0;
    await Promise.all(
      Array.from({ length: 40 }, () =>
        client.mutation(increment, { counterName: "durable" }).then(() => acknowledged++),
      ),
    );
    first.child.kill("SIGKILL");
    await new Promise((resolve) => first.child.once("exit", resolve));

    const second = await startCli(dataDir);
    await expect(
      httpClient(second.url).query(counterGet, { counterName: "durable" }),
    ).resolves.toBe(acknowledged);
    expect(acknowledged).toBe(40);
  });

  it("refuses to start on data that no longer matches the schema, naming the document and the fix", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "convex-local-"));
    const server = await startConvexLocal({
      port: 0,
      sitePort: 0,
      dataDir,
      env: { CLERK_JWT_ISSUER_DOMAIN: "http://127.0.0.1:9" },
      logs: false,
    });
    await httpClient(server.url).mutation(increment, { counterName: "schema" });
    await server.stop();
    // Simulate a schema change that the stored row violates: its `value` becomes a string.
    const snapshotPath = join(dataDir, "snapshot.json");
    const logPath = join(dataDir, "log.jsonl");
    const line = readFileSync(logPath, "utf8").trim().split("\n").at(-1) ?? "";
    writeFileSync(logPath, `${line.replace(/"value":1/, '"value":"one"')}\n`);
    expect(readFileSync(snapshotPath, "utf8")).toContain("documents");
    await expect(
      startConvexLocal({
        port: 0,
        sitePort: 0,
        dataDir,
        env: { CLERK_JWT_ISSUER_DOMAIN: "http://127.0.0.1:9" },
        logs: false,
      }),
    ).rejects.toThrow(/Schema mismatch: 1 stored document[\s\S]*counters[\s\S]*reset/);
  });
});
