// Start-up failures on damaged data name the file and the way out, and change nothing on disk.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { makeFunctionReference } from "convex/server";
import { describe, expect, it } from "vitest";

import { httpClient, startFixtureBackend } from "./support";

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
