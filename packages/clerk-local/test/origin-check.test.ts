// Login/logout CSRF: a page on another site must not sign a visitor in or out through the Frontend API. Writes with
// a foreign Origin get Clerk's 400 `origin_invalid` and change nothing; the apps on this machine, an app behind the
// Frontend API proxy and server-side callers (no Origin) are served as before; a GET is never tunnelled into a write.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { FapiBrowser, TestServer } from "./support";
import { ALICE, FapiBrowser as Browser, expectClerkError, startTestServer } from "./support";

let server: TestServer;
let alice: FapiBrowser;
let sessionId: string;
beforeAll(async () => {
  server = await startTestServer();
  alice = await Browser.open(server.clerk.url);
  ({ sessionId } = await alice.signIn(ALICE.email, ALICE.password));
});
afterAll(() => server.stop());

/** A request as a page on `origin` could send it with the visitor's dev browser: a form post, `_method` tunnelled. */
function fromPage(
  origin: string | null,
  method: "POST" | "PATCH" | "DELETE",
  path: string,
  form: Record<string, string> = {},
  headers: Record<string, string> = {},
) {
  const tunnelled: Record<string, string> = method === "POST" ? {} : { _method: method };
  return fetch(alice.url(path, tunnelled), {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      ...(origin === null ? {} : { origin }),
      ...headers,
    },
    body: new URLSearchParams(form).toString(),
  });
}

async function expectSignedIn() {
  const client = await alice.client();
  expect(client.sessions.map((session) => session.id)).toEqual([sessionId]);
}

async function expectOriginInvalid(response: Response) {
  expect(response.status).toBe(400);
  expect(await response.json()).toMatchObject({
    errors: [
      {
        code: "origin_invalid",
        message: "Invalid HTTP Origin header",
        long_message:
          "The Request HTTP Origin header must be equal to or a subdomain of the requesting URL.",
      },
    ],
  });
}

describe("Frontend API writes from another origin", () => {
  it.each([
    "https://evil.example",
    "http://192.168.1.20:3000",
    "http://localhost.evil.example",
    "null",
  ])("refuses sign-out and sign-in from %s, changing nothing", async (origin) => {
    await expectOriginInvalid(await fromPage(origin, "DELETE", "/v1/client/sessions"));
    await expectOriginInvalid(
      await fromPage(origin, "POST", `/v1/client/sessions/${sessionId}/end`),
    );
    await expectOriginInvalid(
      await fromPage(origin, "POST", "/v1/client/sign_ins", {
        identifier: ALICE.email,
        password: ALICE.password,
        strategy: "password",
      }),
    );
    await expectSignedIn();
  });

  it("refuses a GET that _method would turn into a sign-out (an <img> sends no Origin)", async () => {
    const response = await fetch(alice.url("/v1/client/sessions", { _method: "DELETE" }));
    expectClerkError(
      { status: response.status, body: (await response.json()) as unknown },
      405,
      "request_method_invalid",
    );
    await expectSignedIn();
  });

  it("refuses every generated foreign origin on every write route", async () => {
    const routes = [
      ["DELETE", "/v1/client"],
      ["DELETE", "/v1/client/sessions"],
      ["POST", `/v1/client/sessions/${sessionId}/end`],
      ["POST", "/v1/client/sign_ins"],
      ["POST", "/v1/client/sign_ups"],
      ["PATCH", "/v1/environment"],
    ] as const;
    await fc.assert(
      fc.asyncProperty(
        fc
          .webUrl({ withQueryParameters: false, withFragments: false })
          .filter(
            (url) =>
              !/^https?:\/\/(localhost|[^/]*\.localhost|127\.\d+\.\d+\.\d+|\[::1\])(:|\/|$)/.test(
                url,
              ),
          ),
        fc.constantFrom(...routes),
        async (url, [method, path]) => {
          await expectOriginInvalid(await fromPage(new URL(url).origin, method, path));
        },
      ),
      { numRuns: 60, interruptAfterTimeLimit: 10_000, markInterruptAsFailure: false },
    );
    await expectSignedIn();
  });
});

describe("Frontend API writes that stay served", () => {
  it("serves the apps on this machine, server-side callers and an app behind the proxy", async () => {
    const browser = await Browser.open(server.clerk.url);
    const signIn = (origin: string | null, headers: Record<string, string> = {}) =>
      fetch(browser.url("/v1/client/sign_ins"), {
        method: "POST",
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          ...(origin === null ? {} : { origin }),
          ...headers,
        },
        body: new URLSearchParams({
          identifier: ALICE.email,
          password: ALICE.password,
          strategy: "password",
        }),
      });
    for (const origin of ["http://localhost:3000", "http://127.0.0.1:3001", null])
      expect((await signIn(origin)).status).toBe(200);
    const proxied = await signIn("https://app.example.com", {
      "clerk-proxy-url": "https://app.example.com/__clerk",
    });
    expect(proxied.status).toBe(200);
    await expectOriginInvalid(
      await signIn("https://evil.example", {
        "clerk-proxy-url": "https://app.example.com/__clerk",
      }),
    );
  });
});
