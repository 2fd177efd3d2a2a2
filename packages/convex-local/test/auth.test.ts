// Token edge cases, judged through the real clients: an empty subject is refused, a header or claim of the wrong
// type is refused with 401 before anything reads it, and an issuer written with or without a trailing slash is one
// provider and one identity.
import { makeFunctionReference } from "convex/server";
import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { authenticate, httpClient, rawSocket, sendConnect, useBackend, wsClient } from "./support";

const me = makeFunctionReference<"query">("users:me");
const store = makeFunctionReference<"mutation", Record<string, never>, string>("users:store");

const server = useBackend();

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
/** An unsigned token with whatever header and claims: the verifier must refuse it without trusting their types. */
const unsigned = (header: unknown, claims: unknown) => `${base64url(header)}.${base64url(claims)}.`;

/** What the HTTP API and the sync socket answer for this token. */
async function refusal(token: string) {
  const response = await fetch(`${server.backend.url}/api/query`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify({ path: "users:me", args: [{}] }),
  });
  const http = {
    status: response.status,
    body: (await response.json()) as Record<string, unknown>,
  };
  const raw = await rawSocket(server.backend.url);
  sendConnect(raw.socket);
  raw.socket.send(
    JSON.stringify({ type: "Authenticate", tokenType: "User", value: token, baseVersion: 0 }),
  );
  const ws = await raw.next("AuthError");
  raw.socket.close();
  return { http, ws };
}

describe("token edge cases", () => {
  it("refuses a token whose sub is empty, over HTTP and WebSocket", async () => {
    const token = await server.issuer.sign({ sub: "" });
    await expect(httpClient(server.backend.url, token).query(me, {})).rejects.toThrow(
      /sub\W+ claim must be a non-empty string/,
    );
    const client = wsClient(server.backend.url);
    expect(await authenticate(client, token)).toBe(false);
    await client.close();
  });

  it.each([
    ["iss", { iss: [1], sub: "x", exp: 4e9 }],
    ["iss", { iss: { toString: 1 }, sub: "x", exp: 4e9 }],
    ["aud", { iss: "ISSUER", aud: 7, sub: "x", exp: 4e9 }],
    ["sub", { iss: "ISSUER", sub: ["x"], exp: 4e9 }],
    ["exp", { iss: "ISSUER", sub: "x", exp: "never" }],
    ["nbf", { iss: "ISSUER", sub: "x", exp: 4e9, nbf: {} }],
    ["iat", { iss: "ISSUER", sub: "x", exp: 4e9, iat: null }],
  ])(
    "refuses a token whose %s claim has the wrong type with 401, over HTTP and WebSocket",
    async (claim, claims) => {
      const typed = JSON.parse(
        JSON.stringify(claims).replace('"ISSUER"', JSON.stringify(server.issuer.url)),
      ) as unknown;
      const { http, ws } = await refusal(unsigned({ alg: "RS256", kid: "k" }, typed));
      const message = new RegExp(`"${claim}" claim must be`);
      expect(http.status).toBe(401);
      expect(http.body).toEqual({
        code: "Unauthenticated",
        message: expect.stringMatching(message) as unknown,
      });
      expect(ws.error).toMatch(message);
    },
  );

  it.each([
    ["kid", { alg: "RS256", kid: 5 }],
    ["alg", { alg: ["RS256"] }],
    ["alg", { kid: "k" }],
  ])("refuses a token whose %s header is missing or mistyped with 401", async (field, header) => {
    const { http, ws } = await refusal(
      unsigned(header, { iss: server.issuer.url, sub: "x", exp: 4e9 }),
    );
    expect(http.status).toBe(401);
    expect(http.body.message).toMatch(new RegExp(`"${field}" header`));
    expect(ws.error).toMatch(new RegExp(`"${field}" header`));
  });

  it("answers any header and claims, of any type, with 401 and never an internal error", async () => {
    const field = fc.oneof(fc.constant(undefined), fc.jsonValue({ maxDepth: 2 }));
    const issuer = fc.oneof(fc.constant(server.issuer.url), field);
    await fc.assert(
      fc.asyncProperty(
        fc.record({ alg: fc.oneof(fc.constantFrom("RS256", "ES256", "none"), field), kid: field }),
        fc.record({ iss: issuer, aud: field, sub: field, exp: field, nbf: field, iat: field }),
        async (header, claims) => {
          const { http, ws } = await refusal(unsigned(header, claims));
          expect(http.status).toBe(401);
          expect(http.body.code).toBe("Unauthenticated");
          expect(http.body.message).not.toMatch(/is not a function|Cannot read|undefined/);
          expect(ws.error).toEqual(http.body.message);
        },
      ),
      { numRuns: 60, interruptAfterTimeLimit: 10_000, markInterruptAsFailure: false },
    );
  });

  it("gives one identity whether the issuer has a trailing slash or not", async () => {
    const plain = await server.issuer.sign({ sub: "slashy" });
    const slashed = await server.issuer.sign(
      { sub: "slashy" },
      { issuer: `${server.issuer.url}/` },
    );
    const firstId = await httpClient(server.backend.url, plain).mutation(store, {});
    const secondId = await httpClient(server.backend.url, slashed).mutation(store, {});
    expect(secondId).toBe(firstId);
    const user = (await httpClient(server.backend.url, slashed).query(me, {})) as {
      tokenIdentifier: string;
    } | null;
    expect(user?.tokenIdentifier).toBe(`${server.issuer.url}|slashy`);
  });
});
