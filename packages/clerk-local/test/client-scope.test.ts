// Every `/v1/client/.../{id}` route acts only on what the calling client (dev browser) owns: another client that
// learns an id (from a log, a shared screen, a referrer) gets 404, as from Clerk, and changes nothing.
import { SEEDED_USERS } from "@repo/local-server/seeded-users";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { Envelope, SignInJson, SignUpJson, TestServer } from "./support";
import { expectClerkError, FapiBrowser, startTestServer } from "./support";

let server: TestServer;
const open = () => FapiBrowser.open(server.clerk.url);
const [, BOB] = SEEDED_USERS;

beforeAll(async () => {
  server = await startTestServer({ convexIntegration: "template" });
});
afterAll(() => server.stop());

describe("a sign-in", () => {
  it("cannot be read, prepared or completed by another client", async () => {
    const bob = await open();
    const created = await bob.call<Envelope<SignInJson>>("POST", "/v1/client/sign_ins", {
      identifier: BOB.email,
    });
    expect(created.status).toBe(200);
    const id = created.body.response.id;
    const mallory = await open();

    expectClerkError(
      await mallory.call("GET", `/v1/client/sign_ins/${id}`),
      404,
      "resource_not_found",
    );
    expectClerkError(
      await mallory.call("POST", `/v1/client/sign_ins/${id}/prepare_first_factor`, {
        strategy: "password",
      }),
      404,
      "resource_not_found",
    );
    expectClerkError(
      await mallory.call("POST", `/v1/client/sign_ins/${id}/attempt_first_factor`, {
        strategy: "password",
        password: BOB.password,
      }),
      404,
      "resource_not_found",
    );
    expect((await mallory.client()).sessions).toEqual([]);

    // Bob's own attempt is untouched by Mallory's: no attempt counted, and it completes.
    const read = await bob.call<Envelope<SignInJson>>("GET", `/v1/client/sign_ins/${id}`);
    expect(read.body.response.status).toBe("needs_first_factor");
    const done = await bob.call<Envelope<SignInJson>>(
      "POST",
      `/v1/client/sign_ins/${id}/attempt_first_factor`,
      { strategy: "password", password: BOB.password },
    );
    expect(done.body.response.status).toBe("complete");
  });
});

describe("a sign-up", () => {
  it("cannot be read or completed by another client", async () => {
    const victim = await open();
    const started = await victim.call<Envelope<SignUpJson>>("POST", "/v1/client/sign_ups", {
      email_address: "victim@example.com",
    });
    expect(started.status).toBe(200);
    const id = started.body.response.id;
    const mallory = await open();

    expectClerkError(
      await mallory.call("GET", `/v1/client/sign_ups/${id}`),
      404,
      "resource_not_found",
    );
    expectClerkError(
      await mallory.call("PATCH", `/v1/client/sign_ups/${id}`, { password: "mallory-chose-this" }),
      404,
      "resource_not_found",
    );
    expect((await mallory.client()).sessions).toEqual([]);
    // No account was created with Mallory's password.
    expectClerkError(
      await (
        await open()
      ).call("POST", "/v1/client/sign_ins", {
        identifier: "victim@example.com",
        strategy: "password",
        password: "mallory-chose-this",
      }),
      422,
      "form_identifier_not_found",
      "identifier",
    );
    const finished = await victim.call<Envelope<SignUpJson>>("PATCH", `/v1/client/sign_ups/${id}`, {
      password: "victim-password",
    });
    expect(finished.body.response.status).toBe("complete");
  });
});

describe("a session", () => {
  it("cannot be read, touched, ended or asked for tokens by another client", async () => {
    const bob = await open();
    const { sessionId } = await bob.signIn(BOB.email, BOB.password);
    const mallory = await open();
    for (const [method, path] of [
      ["GET", ""],
      ["POST", "/touch"],
      ["POST", "/tokens"],
      ["POST", "/tokens/convex"],
      ["POST", "/end"],
      ["POST", "/remove"],
    ] as const) {
      expectClerkError(
        await mallory.call(method, `/v1/client/sessions/${sessionId}${path}`),
        404,
        "resource_not_found",
      );
    }
    expect((await bob.client()).sessions.map((session) => session.id)).toEqual([sessionId]);
  });
});
