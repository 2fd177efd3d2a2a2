// Test support: a local server on ephemeral ports, an OIDC issuer with its own keys, and real clients.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

import { ConvexClient, ConvexHttpClient } from "convex/browser";
import type { JWTPayload } from "jose";
import { exportJWK, generateKeyPair, SignJWT } from "jose";
import { afterAll, beforeAll } from "vitest";
import WebSocket from "ws";

import type { ConvexLocal } from "../src/index";
import { startConvexLocal } from "../src/index";

export interface Issuer {
  url: string;
  sign(
    claims?: JWTPayload,
    options?: { expiresIn?: string | number; audience?: string; issuer?: string },
  ): Promise<string>;
  /** A token signed by a key the issuer never published. */
  forge(claims?: JWTPayload): Promise<string>;
  stop(): Promise<void>;
}

export async function startIssuer(): Promise<Issuer> {
  const { privateKey, publicKey } = await generateKeyPair("RS256");
  const stranger = await generateKeyPair("RS256");
  const jwk = { ...(await exportJWK(publicKey)), kid: "test-key", alg: "RS256", use: "sig" };
  let url = "";
  const server = createServer((request, response) => {
    response.setHeader("content-type", "application/json");
    if (request.url === "/.well-known/openid-configuration") {
      response.end(JSON.stringify({ issuer: url, jwks_uri: `${url}/.well-known/jwks.json` }));
    } else if (request.url === "/.well-known/jwks.json") {
      response.end(JSON.stringify({ keys: [jwk] }));
    } else {
      response.statusCode = 404;
      response.end("{}");
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const build = (claims: JWTPayload, options: Parameters<Issuer["sign"]>[1] = {}) =>
    new SignJWT({ name: "Test User", email: "test@example.com", ...claims })
      .setProtectedHeader({ alg: "RS256", kid: "test-key" })
      .setIssuer(options.issuer ?? url)
      .setAudience(options.audience ?? "convex")
      .setSubject(typeof claims.sub === "string" ? claims.sub : "user_1")
      .setIssuedAt()
      .setJti(crypto.randomUUID())
      .setExpirationTime(options.expiresIn ?? "1h");
  return {
    url,
    sign: (claims = {}, options) => build(claims, options).sign(privateKey),
    forge: (claims = {}) => build(claims).sign(stranger.privateKey),
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

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
