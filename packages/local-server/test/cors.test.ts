// CORS headers follow the policy a server passes in: "any" reflects any origin, "loopback" serves this machine only.
import type { IncomingMessage } from "node:http";

import { describe, expect, it } from "vitest";

import type { CorsPolicy } from "../src/cors";
import { corsHeaders } from "../src/cors";
import { isLoopbackUrl } from "../src/loopback";

const requestFrom = (origin?: string) =>
  ({ headers: origin === undefined ? {} : { origin } }) as IncomingMessage;

const open: CorsPolicy = {
  origins: "any",
  methods: "GET, POST",
  headers: "content-type",
  maxAgeSeconds: 60,
};
const local: CorsPolicy = {
  origins: "loopback",
  methods: "GET",
  headers: "authorization",
  credentials: true,
  exposeHeaders: "x-a",
};

describe("corsHeaders", () => {
  it("reflects any origin, or * without one, for an open policy", () => {
    expect(corsHeaders(requestFrom("https://a.example"), open)).toEqual({
      "access-control-allow-origin": "https://a.example",
      "access-control-allow-methods": "GET, POST",
      "access-control-allow-headers": "content-type",
      "access-control-max-age": "60",
      vary: "origin",
    });
    expect(corsHeaders(requestFrom(), open)["access-control-allow-origin"]).toBe("*");
  });

  it("gives credentialed CORS to loopback origins only for a loopback policy", () => {
    expect(corsHeaders(requestFrom("http://localhost:3000"), local)).toEqual({
      "access-control-allow-origin": "http://localhost:3000",
      "access-control-allow-credentials": "true",
      "access-control-allow-methods": "GET",
      "access-control-allow-headers": "authorization",
      "access-control-expose-headers": "x-a",
      vary: "origin",
    });
    for (const origin of [
      undefined,
      "https://evil.example",
      "http://localhost.evil.example",
      "null",
    ])
      expect(corsHeaders(requestFrom(origin), local), String(origin)).toEqual({});
  });
});

describe("isLoopbackUrl", () => {
  it.each([
    "http://localhost:3000",
    "http://app.localhost",
    "http://127.0.0.1:1",
    "http://[::1]:3000",
  ])("accepts %s", (url) => expect(isLoopbackUrl(url)).toBe(true));
  it.each([
    "https://evil.example",
    "http://192.168.1.20",
    "http://localhost.evil.example",
    "not a url",
    "",
  ])("refuses %s", (url) => expect(isLoopbackUrl(url)).toBe(false));
});
