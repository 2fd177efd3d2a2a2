// Test support: a local server on ephemeral ports, an OIDC issuer with its own keys, and real clients.
import { fileURLToPath } from "node:url";

import { ConvexClient, ConvexHttpClient } from "convex/browser";
import { afterAll, beforeAll } from "vitest";
import WebSocket from "ws";

import type { ConvexLocal } from "../src/index";
import { startConvexLocal } from "../src/index";
import type { Issuer } from "../src/testing/issuer";
import { startIssuer } from "../src/testing/issuer";

export type { Issuer } from "../src/testing/issuer";
export { startIssuer } from "../src/testing/issuer";

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

/** A backend serving the fixture app (in memory unless given a data folder). */
export async function startFixtureBackend(dataDir: string | null = null): Promise<ConvexLocal> {
  return await startConvexLocal({
    port: 0,
    sitePort: 0,
    dataDir,
    functionsDir: fixtureApp,
    logs: false,
  });
}
