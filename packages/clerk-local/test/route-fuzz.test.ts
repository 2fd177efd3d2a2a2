// A bounded property-based fuzz over every route in the table: generated methods, ids, query strings, headers and
// bodies (JSON, forms, raw bytes). The server must never answer 5xx, must stay up, and must leave a state that a
// restart loads.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { ROUTES } from "../src/routes";
import type { TestServer } from "./support";
import { ALICE, FapiBrowser, makeDataDir, startTestServer } from "./support";

const dataDir = makeDataDir();
let server: TestServer;
let known: { devBrowser: string; sessionId: string; userId: string };
/** A user whose id the fuzz never sees (it may delete or lock the known one), checked after the restart. */
let witness: string;

beforeAll(async () => {
  server = await startTestServer({ dataDir, keepDir: true });
  const browser = await FapiBrowser.open(server.clerk.url);
  const signedIn = await browser.signIn(ALICE.email, ALICE.password);
  known = { devBrowser: browser.devBrowser, ...signedIn };
  witness = (
    await server.bapi.users.createUser({
      emailAddress: ["witness@example.com"],
      password: "witness-passphrase",
    })
  ).id;
});
afterAll(() => server.stop());

// Header values fetch can send: printable Latin-1 without CR/LF.
const headerText = fc.string({
  unit: fc.integer({ min: 0x20, max: 0x7e }).map(String.fromCharCode),
  maxLength: 60,
});
const hostileText = fc.oneof(
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.constantFrom(
    "",
    "..",
    "%00",
    "%",
    "null",
    "[]",
    "{}",
    "a".repeat(5000),
    "é",
    "\u0000",
    "__proto__",
    "constructor",
  ),
);

function segmentFor(name: string) {
  const real =
    name === "id" ? [known.sessionId, known.userId, "sia_x", "sua_x"] : ["convex", "other"];
  return fc.oneof(
    fc.constantFrom(...real),
    hostileText.map((text) => encodeURIComponent(text)),
  );
}

/** A path from the table with generated parameters, or a near miss (extra or missing segments, unknown paths). */
const path = () =>
  fc.oneof(
    fc.constantFrom(...ROUTES).chain((route) =>
      fc
        .tuple(
          ...route.path
            .split("/")
            .filter(Boolean)
            .map((part) => (part.startsWith(":") ? segmentFor(part.slice(1)) : fc.constant(part))),
        )
        .map((parts) => `/${parts.join("/")}`),
    ),
    fc
      .array(
        fc.oneof(
          fc.constantFrom(
            "v1",
            "client",
            "users",
            "sessions",
            "sign_ins",
            "npm",
            "__clerk",
            ".well-known",
          ),
          hostileText.map(encodeURIComponent),
        ),
        {
          maxLength: 6,
        },
      )
      .map((parts) => `/${parts.join("/")}`),
  );

const body = fc.oneof(
  fc.constant(undefined),
  fc.jsonValue().map((value) => ({ type: "application/json", text: JSON.stringify(value) })),
  fc
    .dictionary(
      fc.constantFrom(
        "identifier",
        "password",
        "strategy",
        "email_address",
        "first_name",
        "_method",
        "last_name",
      ),
      hostileText,
    )
    .map((fields) => ({
      type: "application/x-www-form-urlencoded",
      text: new URLSearchParams(fields).toString(),
    })),
  fc.record({ type: headerText, text: fc.string({ unit: "binary", maxLength: 200 }) }),
);

// Built once the known ids exist (after beforeAll).
const request = () =>
  fc.record({
    method: fc.constantFrom("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"),
    path: path(),
    query: fc.dictionary(
      fc.constantFrom("_method", "__clerk_db_jwt", "redirect_url", "format", "nonce"),
      hostileText,
      { maxKeys: 3 },
    ),
    authorization: fc.oneof(fc.constant(undefined), fc.constant("bearer-right"), headerText),
    devBrowser: fc.oneof(fc.constant(undefined), fc.constant(known.devBrowser), headerText),
    body,
  });

describe("route fuzz", () => {
  it("never answers 5xx, never goes down, and leaves a loadable state", async () => {
    const seen = new Set<number>();
    await fc.assert(
      fc.asyncProperty(request(), async (input) => {
        const url = new URL(`${server.clerk.url}${input.path}`);
        for (const [key, value] of Object.entries(input.query)) url.searchParams.set(key, value);
        const headers: Record<string, string> = {};
        if (input.authorization !== undefined)
          headers.authorization =
            input.authorization === "bearer-right"
              ? `Bearer ${server.clerk.secretKey}`
              : input.authorization;
        if (input.devBrowser !== undefined) headers.cookie = `__clerk_db_jwt=${input.devBrowser}`;
        const sendsBody = input.body !== undefined && !["GET", "HEAD"].includes(input.method);
        if (sendsBody && input.body !== undefined) headers["content-type"] = input.body.type;
        const response = await fetch(url, {
          method: input.method,
          headers,
          body: sendsBody ? input.body?.text : undefined,
          redirect: "manual",
        });
        await response.arrayBuffer();
        seen.add(response.status);
        expect(response.status).toBeLessThan(500);
      }),
      { numRuns: 500, interruptAfterTimeLimit: 60_000 },
    );
    // The fuzz reached real handlers, not only the 404 fallback.
    expect([...seen].some((status) => status === 200)).toBe(true);
    expect([...seen].some((status) => status === 422 || status === 400)).toBe(true);

    expect((await fetch(`${server.clerk.url}/health`)).status).toBe(200);
    await server.stop();
    server = await startTestServer({ dataDir });
    expect((await server.bapi.users.getUser(witness)).id).toBe(witness);
  }, 120_000);
});
