// Test support: a clerk-local server on an ephemeral port with its own temp data dir, the real Backend API client
// pointed at it, and a small Frontend API client that calls the server the way clerk-js 6.40 does.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import type { ClerkClient } from "@clerk/backend";
import { createClerkClient } from "@clerk/backend";
import { SEEDED_PASSWORD } from "@repo/local-server/seeded-users";
import { expect } from "vitest";

import type { ClerkLocal, ClerkLocalOptions } from "../src/index";
import { clerkAppEnv, PUBLISHABLE_KEY, startClerkLocal } from "../src/index";

export const ALICE = { email: "alice@example.com", password: SEEDED_PASSWORD } as const;

export function makeDataDir(): string {
  return mkdtempSync(join(tmpdir(), "clerk-local-test-"));
}

export interface TestServer {
  clerk: ClerkLocal;
  dataDir: string;
  /** The public key PEM an app gets as CLERK_JWT_KEY, for networkless verification. */
  jwtKey: string;
  /** The real @clerk/backend client, talking to this server's Backend API. */
  bapi: ClerkClient;
  stop(): Promise<void>;
}

/** Starts a server; with `keepDir` the data dir outlives `stop()` (for restart tests that own the dir). */
export async function startTestServer(
  options: { dataDir?: string; keepDir?: boolean } & Partial<ClerkLocalOptions> = {},
): Promise<TestServer> {
  const dataDir = options.dataDir ?? makeDataDir();
  // The browser bundles are needed only by real-browser tests (fetched once from the registry, then cached).
  const clerk = await startClerkLocal({
    ...options,
    port: 0,
    dataDir,
    assets: options.assets ?? false,
  });
  const env = clerkAppEnv({ url: clerk.url, dataDir });
  const jwtKey = env.CLERK_JWT_KEY ?? "";
  expect(jwtKey).toContain("BEGIN PUBLIC KEY");
  const bapi = createClerkClient({
    secretKey: clerk.secretKey,
    apiUrl: clerk.url,
    publishableKey: PUBLISHABLE_KEY,
    // Offline: never try to reach Clerk's telemetry endpoint.
    telemetry: { disabled: true },
  });
  return {
    clerk,
    dataDir,
    jwtKey,
    bapi,
    stop: async () => {
      await clerk.stop();
      if (options.keepDir !== true) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

// The Frontend API's JSON, only as far as the tests read it.
export interface ClerkError {
  code: string;
  message: string;
  long_message: string;
  meta: { param_name?: string };
}
export interface ErrorBody {
  errors: ClerkError[];
}
export interface TokenJson {
  object: "token";
  jwt: string;
}
export interface UserJson {
  object: "user";
  id: string;
  first_name: string | null;
  last_name: string | null;
  email_addresses: { email_address: string }[];
}
export interface SessionJson {
  object: "session";
  id: string;
  status: string;
  user: UserJson;
  last_active_token: TokenJson | null;
}
export interface SignInJson {
  object: "sign_in";
  id: string;
  status: string;
  identifier: string;
  created_session_id: string | null;
  supported_first_factors: { strategy: string }[];
}
export interface SignUpJson {
  object: "sign_up";
  id: string;
  status: string;
  email_address: string | null;
  created_user_id: string | null;
  created_session_id: string | null;
}
export interface ClientJson {
  object: "client";
  id: string;
  sessions: SessionJson[];
  sign_in: SignInJson | null;
  sign_up: SignUpJson | null;
  last_active_session_id: string | null;
}
export interface Envelope<T> {
  response: T;
  client: ClientJson | null;
}

export interface FapiResponse<T> {
  status: number;
  body: T;
  headers: Headers;
}

// What clerk-js appends to every Frontend API call; the server must not depend on them, but must accept them.
const CLERK_JS_QUERY = { __clerk_api_version: "2025-11-10", _clerk_js_version: "6.40.0" };

/** One browser's view of the Frontend API, as clerk-js makes it on a development instance. */
export class FapiBrowser {
  private constructor(
    readonly baseUrl: string,
    readonly devBrowser: string,
  ) {}

  /** Creates the dev browser first, as clerk-js does on load when it has no `__clerk_db_jwt`. */
  static async open(baseUrl: string): Promise<FapiBrowser> {
    const response = await fetch(
      `${baseUrl}/v1/dev_browser?${new URLSearchParams(CLERK_JS_QUERY)}`,
      {
        method: "POST",
      },
    );
    expect(response.status).toBe(200);
    const body = (await response.json()) as { id: string };
    expect(body.id).toMatch(/^dvb_/);
    return new FapiBrowser(baseUrl, body.id);
  }

  /** The same browser later (its `__clerk_db_jwt` kept), e.g. reloading after the server restarted. */
  static resume(baseUrl: string, devBrowser: string): FapiBrowser {
    return new FapiBrowser(baseUrl, devBrowser);
  }

  url(path: string, query: Record<string, string> = {}): string {
    const params = new URLSearchParams({
      ...CLERK_JS_QUERY,
      ...query,
      __clerk_db_jwt: this.devBrowser,
    });
    return `${this.baseUrl}${path}?${params}`;
  }

  /** clerk-js sends form bodies, and tunnels PATCH/DELETE through POST with `_method`. */
  async call<T>(
    method: "GET" | "POST" | "PATCH" | "DELETE",
    path: string,
    form?: Record<string, string>,
  ): Promise<FapiResponse<T>> {
    const tunnelled = method === "PATCH" || method === "DELETE";
    const response = await fetch(this.url(path, tunnelled ? { _method: method } : {}), {
      method: method === "GET" ? "GET" : "POST",
      headers: form === undefined ? {} : { "content-type": "application/x-www-form-urlencoded" },
      body: form === undefined ? undefined : new URLSearchParams(form).toString(),
    });
    return {
      status: response.status,
      body: (await response.json()) as T,
      headers: response.headers,
    };
  }

  async client(): Promise<ClientJson> {
    const { status, body } = await this.call<Envelope<ClientJson>>("GET", "/v1/client");
    expect(status).toBe(200);
    return body.response;
  }

  /** Signs in with identifier + password in one call (what `@clerk/testing`'s password strategy does). */
  async signIn(email: string, password: string): Promise<{ sessionId: string; userId: string }> {
    const { status, body } = await this.call<Envelope<SignInJson>>("POST", "/v1/client/sign_ins", {
      identifier: email,
      strategy: "password",
      password,
    });
    expect(status).toBe(200);
    const sessionId = body.response.created_session_id ?? "";
    const session = body.client?.sessions.find((candidate) => candidate.id === sessionId);
    expect(session).toBeDefined();
    return { sessionId, userId: session?.user.id ?? "" };
  }

  async token(sessionId: string, template?: string): Promise<FapiResponse<TokenJson>> {
    const suffix = template === undefined ? "" : `/${template}`;
    return this.call<TokenJson>("POST", `/v1/client/sessions/${sessionId}/tokens${suffix}`);
  }
}

/** Asserts Clerk's error envelope: `{ errors: [{ code, message, long_message, meta }] }`. */
export function expectClerkError(
  response: { status: number; body: unknown },
  status: number,
  code: string,
  paramName?: string,
): void {
  expect(response.status).toBe(status);
  const { errors } = response.body as ErrorBody;
  expect(errors).toHaveLength(1);
  const [error] = errors;
  expect(error).toMatchObject({
    code,
    message: expect.any(String) as unknown,
    long_message: expect.any(String) as unknown,
    meta: paramName === undefined ? {} : { param_name: paramName },
  });
}

/** Decodes a JWT's payload without verifying it (to compare what a test changed). */
export function decodePayload(jwt: string): Record<string, unknown> {
  const [, payload = ""] = jwt.split(".");
  return JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as Record<string, unknown>;
}

export function decodeHeader(jwt: string): Record<string, unknown> {
  const [header = ""] = jwt.split(".");
  return JSON.parse(Buffer.from(header, "base64url").toString("utf8")) as Record<string, unknown>;
}
