// The emulator has no list of allowed origins, so only apps on this machine get credentialed CORS: any other web
// page must not be able to read a signed-in client's tokens from a visitor's browser.
import { afterAll, beforeAll, expect, it } from "vitest";

import type { TestServer } from "./support";
import { startTestServer } from "./support";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

const preflight = (origin: string) =>
  fetch(`${server.clerk.url}/v1/client`, {
    method: "OPTIONS",
    headers: { origin, "access-control-request-method": "GET" },
  });

it.each(["http://localhost:3000", "http://127.0.0.1:3300", "http://app.localhost:3001"])(
  "allows credentialed requests from the local app %s",
  async (origin) => {
    const response = await preflight(origin);
    expect(response.headers.get("access-control-allow-origin")).toBe(origin);
    expect(response.headers.get("access-control-allow-credentials")).toBe("true");
  },
);

it.each(["https://evil.example", "http://192.168.1.20:3000", "http://localhost.evil.example"])(
  "gives no CORS access to %s",
  async (origin) => {
    const response = await preflight(origin);
    expect(response.headers.get("access-control-allow-origin")).toBeNull();
    expect(response.headers.get("access-control-allow-credentials")).toBeNull();
  },
);
