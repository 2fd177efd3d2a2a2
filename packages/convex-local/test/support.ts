// Test support: a local server on ephemeral ports, an OIDC issuer with its own keys, and real clients.
import { fileURLToPath } from "node:url";

import { ConvexClient, ConvexHttpClient } from "convex/browser";
import { afterAll, beforeAll } from "vitest";
import WebSocket from "ws";

import type { ConvexLocal, SpawnedConvexLocal } from "../src/index";
import { freePort, spawnConvexLocal, startConvexLocal } from "../src/index";
import type { Issuer } from "../src/testing/issuer";
import { startIssuer } from "../src/testing/issuer";

export type { Issuer } from "../src/testing/issuer";
export { startIssuer } from "../src/testing/issuer";
export { freePort } from "../src/index";

export async function startBackend(
  issuer: Issuer,
  dataDir: string | null = null,
): Promise<ConvexLocal> {
  return await startConvexLocal({
    port: 0,
    sitePort: 0,
    dataDir,
    env: { CLERK_JWT_ISSUER_DOMAIN: issuer.url },
    logs: false,
  });
}

/** An issuer and an in-memory backend shared by one test file's tests, stopped after them. */
export function useBackend(): { readonly issuer: Issuer; readonly backend: ConvexLocal } {
  let started: { issuer: Issuer; backend: ConvexLocal } | undefined;
  beforeAll(async () => {
    const issuer = await startIssuer();
    started = { issuer, backend: await startBackend(issuer) };
  });
  afterAll(async () => {
    await started?.backend.stop();
    await started?.issuer.stop();
  });
  const get = () => {
    if (started === undefined) throw new Error("useBackend(): used outside a test.");
    return started;
  };
  return {
    get issuer() {
      return get().issuer;
    },
    get backend() {
      return get().backend;
    },
  };
}

/**
 * An in-memory backend in its own process (the CLI, as the apps run it), shared by one test file's tests: a
 * crash shows as a dead server, not as an error the test runner swallows, and timings are the server's alone.
 */
export function useSpawnedBackend(): { readonly backend: SpawnedConvexLocal } {
  let spawned: SpawnedConvexLocal | undefined;
  beforeAll(async () => {
    spawned = await spawnConvexLocal({
      port: await freePort(),
      sitePort: await freePort(),
      dataDir: null,
      env: { CLERK_JWT_ISSUER_DOMAIN: "http://127.0.0.1:1" },
      watch: false,
    });
  }, 60_000);
  afterAll(async () => {
    await spawned?.stop();
  });
  return {
    get backend() {
      if (spawned === undefined) throw new Error("useSpawnedBackend(): used outside a test.");
      return spawned;
    },
  };
}

export function wsClient(url: string): ConvexClient {
  return new ConvexClient(url, {
    webSocketConstructor: WebSocket as unknown as typeof globalThis.WebSocket,
    unsavedChangesWarning: false,
  });
}

export function httpClient(url: string, token?: string): ConvexHttpClient {
  const client = new ConvexHttpClient(url);
  if (token !== undefined) client.setAuth(token);
  return client;
}

/** Resolves with the first value the subscription reports that satisfies `predicate`. */
export function waitFor<T>(
  subscribe: (callback: (value: T) => void) => () => void,
  predicate: (value: T) => boolean,
  timeoutMs = 10_000,
): Promise<T> {
  return new Promise((resolve, reject) => {
    let last: T | undefined;
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error(`Timed out waiting; last value: ${JSON.stringify(last)}`));
    }, timeoutMs);
    const unsubscribe = subscribe((value) => {
      last = value;
      if (predicate(value)) {
        clearTimeout(timer);
        queueMicrotask(() => unsubscribe());
        resolve(value);
      }
    });
  });
}

/** Sets auth on a WebSocket client and resolves with whether the server accepted the token. */
export function authenticate(client: ConvexClient, token: string): Promise<boolean> {
  return new Promise((resolve) => {
    client.setAuth(() => Promise.resolve(token), resolve);
  });
}

/** The test app under test/fixtures/app: functions this project did not write, with its own schema. */
export const fixtureApp = fileURLToPath(new URL("./fixtures/app", import.meta.url));

/** An app mounting published components, unmodified (test/fixtures/components-app). */
export const componentsApp = fileURLToPath(
  new URL("./fixtures/components-app/convex", import.meta.url),
);

/** An app mounting a component of its own, beside convex/, with a crons.ts (test/fixtures/local-component-app). */
export const tickerApp = fileURLToPath(
  new URL("./fixtures/local-component-app/convex", import.meta.url),
);

/** A backend serving the functions in `functionsDir` (in memory unless given a data folder), logs off. */
export async function startAppBackend(
  functionsDir: string,
  dataDir: string | null = null,
): Promise<ConvexLocal> {
  return await startConvexLocal({ port: 0, sitePort: 0, dataDir, functionsDir, logs: false });
}

/** A backend serving the fixture app (in memory unless given a data folder). */
export async function startFixtureBackend(dataDir: string | null = null): Promise<ConvexLocal> {
  return await startAppBackend(fixtureApp, dataDir);
}

export interface RawSocket {
  socket: WebSocket;
  messages: Record<string, unknown>[];
  /** The next message of this type (one already received and not yet taken counts). */
  next: (type: string) => Promise<Record<string, unknown>>;
  /** Resolves with the close code once the server closes the socket. */
  closed: Promise<number>;
}

/** A bare WebSocket on the sync endpoint, for frames the real client would never send. */
export function rawSocket(url: string): Promise<RawSocket> {
  const socket = new WebSocket(`${url.replace("http", "ws")}/api/1.48.0/sync`);
  const messages: Record<string, unknown>[] = [];
  const unclaimed: Record<string, unknown>[] = [];
  const waiters: [string, (m: Record<string, unknown>) => void][] = [];
  socket.on("message", (data) => {
    const message = JSON.parse((data as Buffer).toString("utf8")) as Record<string, unknown>;
    messages.push(message);
    const index = waiters.findIndex(([type]) => type === message.type);
    if (index === -1) unclaimed.push(message);
    else waiters.splice(index, 1)[0]?.[1](message);
  });
  const next = (type: string) =>
    new Promise<Record<string, unknown>>((resolve) => {
      const index = unclaimed.findIndex((message) => message.type === type);
      const found = index === -1 ? undefined : unclaimed.splice(index, 1)[0];
      if (found === undefined) waiters.push([type, resolve]);
      else resolve(found);
    });
  const closed = new Promise<number>((resolve) => socket.on("close", (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    socket.on("open", () => resolve({ socket, messages, next, closed }));
    socket.on("error", reject);
  });
}

/** The first message ConvexClient sends on a new socket. */
export function sendConnect(socket: WebSocket, sessionId: string = crypto.randomUUID()): void {
  socket.send(
    JSON.stringify({
      type: "Connect",
      sessionId,
      connectionCount: 0,
      lastCloseReason: null,
      clientTs: Date.now(),
    }),
  );
}

/** Subscribes query `queryId` to a counter, as the first query set change (version 0 -> 1). */
export function addCounterQuery(socket: WebSocket, queryId: number, counterName: string): void {
  socket.send(
    JSON.stringify({
      type: "ModifyQuerySet",
      baseVersion: 0,
      newVersion: 1,
      modifications: [{ type: "Add", queryId, udfPath: "counter:get", args: [{ counterName }] }],
    }),
  );
}
