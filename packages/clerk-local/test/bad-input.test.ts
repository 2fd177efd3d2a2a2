// Bad input answers a clear 4xx in Clerk's error envelope and changes nothing on disk: malformed bodies,
// oversize bodies (which must not reset the connection), and ids that do not exist.
import { readFileSync } from "node:fs";
import { join } from "node:path";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { TestServer } from "./support";
import { ALICE, expectClerkError, FapiBrowser, startTestServer } from "./support";

let server: TestServer;
let browser: FapiBrowser;
let bapiAuth: string;

beforeAll(async () => {
  server = await startTestServer();
  browser = await FapiBrowser.open(server.clerk.url);
  await browser.signIn(ALICE.email, ALICE.password);
  bapiAuth = `Bearer ${server.clerk.secretKey}`;
});
afterAll(() => server.stop());

/** Everything the server persists (snapshot, change log, keys): bad requests must leave it byte-for-byte as it was. */
const snapshot = () =>
  ["state.json", "state.log", "signing-key.json"].map((file) =>
    readFileSync(join(server.dataDir, file), "utf8"),
  );

async function send(
  path: string,
  init: { body: BodyInit; type: string; authorization?: string; duplex?: "half" },
) {
  const response = await fetch(path, {
    method: "POST",
    headers: {
      "content-type": init.type,
      ...(init.authorization === undefined ? {} : { authorization: init.authorization }),
    },
    body: init.body,
    ...(init.duplex === undefined ? {} : { duplex: init.duplex }),
  });
  return { status: response.status, body: (await response.json()) as unknown };
}

const JSON_TYPE = "application/json";
const FORM_TYPE = "application/x-www-form-urlencoded";

describe("malformed bodies", () => {
  it("answers 400 malformed_request for invalid JSON, on the Frontend and the Backend API", async () => {
    const before = snapshot();
    expectClerkError(
      await send(browser.url("/v1/client/sign_ups"), {
        body: '{"email_address":',
        type: JSON_TYPE,
      }),
      400,
      "malformed_request",
    );
    expectClerkError(
      await send(`${server.clerk.url}/v1/users`, {
        body: "{not json",
        type: JSON_TYPE,
        authorization: bapiAuth,
      }),
      400,
      "malformed_request",
    );
    expect(snapshot()).toEqual(before);
  });

  it("treats JSON that is not an object, or has non-string fields, as missing fields (422)", async () => {
    const before = snapshot();
    for (const body of ["null", "[1,2]", '"alice@example.com"', '{"identifier":42}']) {
      expectClerkError(
        await send(browser.url("/v1/client/sign_ins"), { body, type: JSON_TYPE }),
        422,
        "form_param_nil",
        "identifier",
      );
      expectClerkError(
        await send(`${server.clerk.url}/v1/users`, {
          body,
          type: JSON_TYPE,
          authorization: bapiAuth,
        }),
        422,
        "form_param_format_invalid",
        "email_address",
      );
    }
    expect(snapshot()).toEqual(before);
  });

  it("answers a garbled form body with the missing field, not a crash", async () => {
    const before = snapshot();
    expectClerkError(
      await send(browser.url("/v1/client/sign_ins"), { body: "%%%&&==%zz", type: FORM_TYPE }),
      422,
      "form_param_nil",
      "identifier",
    );
    expect(snapshot()).toEqual(before);
  });
});

describe("oversize bodies", () => {
  // A complete, valid sign-up padded past the 64 KiB limit: it must be refused before it is acted on.
  const padded = new URLSearchParams({
    email_address: "huge@example.com",
    password: "huge-password",
    padding: "x".repeat(70 * 1024),
  }).toString();

  it("answers 413 with Clerk's envelope (declared length and chunked) and keeps the connection usable", async () => {
    const before = snapshot();
    for (let attempt = 0; attempt < 5; attempt += 1) {
      expectClerkError(
        await send(browser.url("/v1/client/sign_ups"), { body: padded, type: FORM_TYPE }),
        413,
        "request_body_too_large",
      );
      const chunks = new ReadableStream<Uint8Array>({
        start(controller) {
          for (let index = 0; index < 40; index += 1) controller.enqueue(new Uint8Array(4096));
          controller.close();
        },
      });
      expectClerkError(
        await send(`${server.clerk.url}/v1/users`, {
          body: chunks,
          type: JSON_TYPE,
          authorization: bapiAuth,
          duplex: "half",
        }),
        413,
        "request_body_too_large",
      );
      // The next request (likely on the same keep-alive socket) is served normally.
      expect((await fetch(`${server.clerk.url}/health`)).status).toBe(200);
    }
    expect(snapshot()).toEqual(before);
    const signIn = await browser.call("POST", "/v1/client/sign_ins", {
      identifier: "huge@example.com",
    });
    expectClerkError(signIn, 422, "form_identifier_not_found", "identifier");
  });
});

describe("unknown ids", () => {
  it("answers 404 resource_not_found for sessions, sign-ins and sign-ups that do not exist", async () => {
    const before = snapshot();
    const unknown = "sess_doesnotexist";
    for (const [method, path, form] of [
      ["POST", `/v1/client/sessions/${unknown}/touch`, undefined],
      ["POST", `/v1/client/sessions/${unknown}/tokens`, undefined],
      ["POST", `/v1/client/sessions/${unknown}/tokens/convex`, undefined],
      ["POST", `/v1/client/sessions/${unknown}/end`, undefined],
      ["GET", `/v1/client/sessions/${unknown}`, undefined],
      ["GET", "/v1/client/sign_ins/sia_doesnotexist", undefined],
      [
        "POST",
        "/v1/client/sign_ins/sia_doesnotexist/attempt_first_factor",
        { strategy: "password", password: ALICE.password },
      ],
      ["PATCH", "/v1/client/sign_ups/sua_doesnotexist", { password: "long-enough-password" }],
    ] as const) {
      expectClerkError(await browser.call(method, path, form), 404, "resource_not_found");
    }
    for (const path of [
      `/v1/sessions/${unknown}/tokens`,
      `/v1/sessions/${unknown}/tokens/convex`,
    ]) {
      const response = await fetch(`${server.clerk.url}${path}`, {
        method: "POST",
        headers: { authorization: bapiAuth },
      });
      expectClerkError(
        { status: response.status, body: await response.json() },
        404,
        "resource_not_found",
      );
    }
    expect(snapshot()).toEqual(before);
    // The real session is untouched.
    expect((await browser.client()).sessions).toHaveLength(1);
  });

  it("answers 404 for routes that do not exist", async () => {
    for (const path of ["/v1/nope", "/v2/client", "/v1/client/organizations"]) {
      const response = await fetch(browser.url(path));
      expectClerkError(
        { status: response.status, body: await response.json() },
        404,
        "resource_not_found",
      );
    }
  });

  it("takes a target that starts with // as a path, not a host (it was a 500 Invalid URL)", async () => {
    // Found by test/route-fuzz.test.ts.
    for (const path of ["//", "//v1/nope", "//evil.example/v1/client"]) {
      const response = await fetch(`${server.clerk.url}${path}`);
      expectClerkError(
        { status: response.status, body: await response.json() },
        404,
        "resource_not_found",
      );
    }
  });
});
