// @vitest-environment node
// The Auth0 middleware with the real nextjs-auth0 SDK: sessions are real encrypted session cookies (the SDK's own
// generateSessionCookie), ID tokens are signed by a real OIDC test issuer and checked by a real local Convex backend.
import { generateSessionCookie } from "@auth0/nextjs-auth0/testing";
import type { SessionData } from "@auth0/nextjs-auth0/types";
import type { TestBackend } from "@repo/convex-local/testing";
import { startBackend } from "@repo/convex-local/testing";
import { api } from "@repo/convex/api";
import type { NextFetchEvent, NextMiddleware } from "next/server";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

const SECRET = "0123456789abcdef0123456789abcdef0123456789abcdef";
const APP = "http://localhost:3000";

let backend: TestBackend;
let middleware: NextMiddleware;
beforeAll(async () => {
  backend = await startBackend();
  // The SDK reads its configuration from env when the client is created (src/auth0/client.ts).
  vi.stubEnv("AUTH0_DOMAIN", "dev-test.us.auth0.com");
  vi.stubEnv("AUTH0_CLIENT_ID", "client-test");
  vi.stubEnv("AUTH0_CLIENT_SECRET", "client-secret");
  vi.stubEnv("AUTH0_SECRET", SECRET);
  vi.stubEnv("APP_BASE_URL", APP);
  const { authMiddleware } = await import("../src/auth0/middleware");
  middleware = authMiddleware();
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await backend.stop();
});

async function sessionCookie(idToken: string | undefined, refreshToken?: string): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const session: Partial<SessionData> = {
    user: { sub: "auth0|alice", name: "Alice" },
    tokenSet: { accessToken: "at", idToken, refreshToken, expiresAt: now + 3600 },
    internal: { sid: "sid-1", createdAt: now },
  };
  return `__session=${await generateSessionCookie(session, { secret: SECRET })}`;
}

async function call(
  path: string,
  init: { cookie?: string; method?: string } = {},
): Promise<Response> {
  const headers = new Headers(init.cookie === undefined ? {} : { cookie: init.cookie });
  const request = new NextRequest(`${APP}${path}`, { method: init.method ?? "GET", headers });
  const response = await middleware(request, {} as NextFetchEvent);
  if (!(response instanceof Response)) throw new Error(`no response for ${path}`);
  return response;
}

describe("GET /auth/convex-token", () => {
  it("hands out the session's ID token, which Convex accepts", async () => {
    const idToken = await backend.issuer.sign({ sub: "auth0|alice", name: "Alice" });
    const response = await call("/auth/convex-token", { cookie: await sessionCookie(idToken) });
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const body = (await response.json()) as { token: string | null };
    expect(body.token).toBe(idToken);
    const me = await backend.http(body.token ?? "").mutation(api.users.store, {});
    expect(me).toBeTruthy();
  });

  it("answers 401 with no token when signed out", async () => {
    const response = await call("/auth/convex-token");
    expect(response.status).toBe(401);
    await expect(response.json()).resolves.toEqual({ token: null });
  });

  it("answers 401 for a cookie the SDK cannot decrypt", async () => {
    const response = await call("/auth/convex-token", { cookie: "__session=forged.value" });
    expect(response.status).toBe(401);
  });

  it("answers 401 when the ID token expired and there is no refresh token", async () => {
    const expired = await backend.issuer.sign({ sub: "auth0|alice" }, { expiresIn: -10 });
    const response = await call("/auth/convex-token", { cookie: await sessionCookie(expired) });
    expect(response.status).toBe(401);
    await expect(response.json()).resolves.toEqual({ token: null });
  });

  it("refuses other methods", async () => {
    const response = await call("/auth/convex-token", { method: "POST" });
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("GET");
  });
});

describe("protected routes", () => {
  it.each(["/private", "/server-auth", "/private/nested?tab=1"])(
    "sends a signed-out visitor of %s to Auth0's login, returning there",
    async (path) => {
      const response = await call(path);
      expect(response.status).toBe(307);
      const location = new URL(response.headers.get("location") ?? "");
      expect(location.origin + location.pathname).toBe(`${APP}/auth/login`);
      expect(location.searchParams.get("returnTo")).toBe(path);
    },
  );

  it("lets a signed-in visitor through", async () => {
    const idToken = await backend.issuer.sign({ sub: "auth0|alice" });
    const response = await call("/private", { cookie: await sessionCookie(idToken) });
    expect(response.headers.get("location")).toBeNull();
    expect(response.status).toBe(200);
  });

  it("leaves public pages alone when signed out", async () => {
    const response = await call("/tasks");
    expect(response.headers.get("location")).toBeNull();
  });
});
