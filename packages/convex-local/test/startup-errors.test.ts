// Start-up failures name the file or folder at fault and the way out; damaged data is left as it is.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

import { makeFunctionReference } from "convex/server";
import { describe, expect, it } from "vitest";

import { startConvexLocal } from "../src/index";
import { fixtureApp, httpClient, startFixtureBackend } from "./support";

const add = makeFunctionReference<"mutation">("messages:add");
const count = makeFunctionReference<"query">("messages:count");

/** A data folder whose snapshot and log both hold rows (the log is compacted at the next start). */
async function dataDirWithRows(rows: number): Promise<string> {
  const dataDir = mkdtempSync(join(tmpdir(), "convex-local-"));
  const server = await startFixtureBackend(dataDir);
  for (let i = 0; i < rows; i++)
    await httpClient(server.url).mutation(add, { body: `row ${i}`, rank: i });
  await server.stop();
  const again = await startFixtureBackend(dataDir);
  await httpClient(again.url).mutation(add, { body: "logged", rank: rows });
  await httpClient(again.url).mutation(add, { body: "logged too", rank: rows + 1 });
  await again.stop();
  return dataDir;
}

describe("damaged data at start-up", () => {
  const damages: [string, string, (text: string) => string][] = [
    ["a snapshot that is not JSON", "snapshot.json", (text) => text.slice(0, text.length / 2)],
    ["a snapshot of the wrong shape", "snapshot.json", () => '{"documents":[]}'],
    ["a log entry in the middle that is not JSON", "log.jsonl", (text) => `{"writes":\n${text}`],
  ];
  for (const [what, file, damage] of damages) {
    it(`names ${what}, the reset command and moving the file aside`, async () => {
      const dataDir = await dataDirWithRows(2);
      const path = join(dataDir, file);
      const damaged = damage(readFileSync(path, "utf8"));
      writeFileSync(path, damaged);
      const error = await startFixtureBackend(dataDir).then(
        async (server) => {
          await server.stop();
          return new Error("(started)");
        },
        (e: unknown) => e as Error,
      );
      expect(error.message).toContain(`${path} is corrupt`);
      expect(error.message).toContain(`mv ${path} ${path}.bad`);
      expect(error.message).toContain("pnpm --filter @repo/convex-local reset");
      expect(readFileSync(path, "utf8")).toBe(damaged);
    });
  }

  it("still starts on a log whose last line was torn by a crash", async () => {
    const dataDir = await dataDirWithRows(3);
    const log = join(dataDir, "log.jsonl");
    writeFileSync(log, `${readFileSync(log, "utf8")}{"writes":{"1`);
    const server = await startFixtureBackend(dataDir);
    expect(await httpClient(server.url).query(count, {})).toBe(5);
    await server.stop();
  });
});

describe("other start-up failures", () => {
  async function startError(options: Partial<Parameters<typeof startConvexLocal>[0]>) {
    return await startConvexLocal({
      port: 0,
      sitePort: 0,
      dataDir: null,
      functionsDir: fixtureApp,
      logs: false,
      ...options,
    }).then(
      async (server) => {
        await server.stop();
        return "(started)";
      },
      (e: unknown) => (e as Error).message,
    );
  }

  it("names a functions file that fails to load, and says to fix it", async () => {
    const brokenApp = fileURLToPath(new URL("./fixtures/broken-app", import.meta.url));
    const message = await startError({ functionsDir: brokenApp });
    expect(message).toContain(`${join(brokenApp, "schema.ts")} could not be loaded`);
    expect(message).toContain("Fix the file and save it");
  });

  it("names a functions folder that does not exist", async () => {
    const missing = join(tmpdir(), "convex-local-no-such-folder");
    expect(await startError({ functionsDir: missing })).toContain(
      `The functions folder ${missing} does not exist`,
    );
  });

  it("names a data folder it cannot use, and how to choose another", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "convex-local-")), "a-file");
    writeFileSync(file, "");
    const message = await startError({ dataDir: join(file, "data") });
    expect(message).toContain(`The data folder ${join(file, "data")} cannot be used`);
    expect(message).toContain("--data-dir");
  });
});
