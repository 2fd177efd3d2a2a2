// The runner's failure paths, against the real `next` binary but without a build (a build takes minutes).
import { mkdtempSync, rmSync } from "node:fs";
import type { AddressInfo, Server } from "node:net";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

import { afterAll, expect, it } from "vitest";

import { startNextApp, waitServing } from "../src/next-app";
import { startGroup, stopGroup } from "../src/process-group";
import { stackEnv } from "../src/stack";
import { testSettings } from "./settings";

const dataDir = mkdtempSync(join(tmpdir(), "next-app-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function listen(server: Server): Promise<number> {
  return new Promise((done) =>
    server.listen(0, "127.0.0.1", () => done((server.address() as AddressInfo).port)),
  );
}

async function freePort(): Promise<number> {
  const server = createServer();
  const port = await listen(server);
  await new Promise((done) => server.close(done));
  return port;
}

const backendEnv = await stackEnv(testSettings({ dataDir, appUrls: [] }));

/** The real app and a valid env, so `next start` gets as far as looking for its build. */
const app = (distDir: string) => ({
  name: "app-router",
  dir: resolve(import.meta.dirname, "../../../apps/app-router"),
  distDir,
  env: { ...process.env, ...backendEnv },
});

it("refuses a port that is taken, before starting anything", async () => {
  const server = createServer();
  const port = await listen(server);
  try {
    await expect(
      startNextApp(app(".next-absent"), {
        port,
        logFile: join(dataDir, "taken.log"),
        timeoutMs: 5_000,
      }),
    ).rejects.toThrow(`Port(s) ${port} on 127.0.0.1 are in use`);
  } finally {
    await new Promise((done) => server.close(done));
  }
});

it("fails at once, quoting the log, when `next start` exits (no build in the dist dir)", async () => {
  const logFile = join(dataDir, "no-build.log");
  const started = Date.now();
  const error = await startNextApp(app(".next-runner-test-absent"), {
    port: await freePort(),
    logFile,
    timeoutMs: 60_000,
  }).then(
    () => new Error("started without a build"),
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(Error);
  const message = (error as Error).message;
  expect(message).toMatch(
    /^next start \(app-router\) exited \(code 1\) before answering http:\/\/127\.0\.0\.1:\d+\/__ready; log: /,
  );
  expect(message).toContain(logFile);
  expect(message).toContain(
    "Could not find a production build in the '.next-runner-test-absent' directory",
  );
  // Long before the 60 s start timeout.
  expect(Date.now() - started).toBeLessThan(30_000);
}, 45_000);

// The shape of the `--hostname 127.0.0.1` loop: the port accepts connections but no request ever completes.
it("gives up on a server that accepts but never answers, at its time limit", async () => {
  const port = await freePort();
  const hanging = startGroup(
    "hanging server",
    process.execPath,
    ["-e", `require("node:net").createServer(() => {}).listen(${port}, "127.0.0.1")`],
    { cwd: dataDir, env: {}, logFile: join(dataDir, "hang.log") },
  );
  try {
    const started = Date.now();
    await expect(waitServing(hanging, `http://127.0.0.1:${port}/__ready`, 2_000)).rejects.toThrow(
      `hanging server did not answer http://127.0.0.1:${port}/__ready within 2 s`,
    );
    expect(Date.now() - started).toBeLessThan(10_000);
  } finally {
    await stopGroup(hanging, 1_000);
  }
}, 20_000);
