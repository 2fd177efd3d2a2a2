// Sign-up with email + password over the Frontend API, in one call and progressively (create, then update);
// invalid input answers Clerk's 422 envelope and creates no user.
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { Envelope, SignUpJson, TestServer } from "./support";
import { ALICE, expectClerkError, FapiBrowser, startTestServer } from "./support";

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

const open = () => FapiBrowser.open(server.clerk.url);

describe("sign-up", () => {
  it("creates the user and a session in one call, and the user can sign in elsewhere", async () => {
    const browser = await open();
    const { status, body } = await browser.call<Envelope<SignUpJson>>(
      "POST",
      "/v1/client/sign_ups",
      {
        email_address: "Carol@Example.com",
        password: "carol-password",
        first_name: "Carol",
        last_name: "Clark",
      },
    );
    expect(status).toBe(200);
    expect(body.response).toMatchObject({
      object: "sign_up",
      status: "complete",
      email_address: "carol@example.com",
    });
    const userId = body.response.created_user_id ?? "";
    const sessionId = body.response.created_session_id;
    expect(userId).toMatch(/^user_/);
    expect(body.client?.sessions.map((session) => session.id)).toEqual([sessionId]);
    expect(body.client?.sign_up).toBeNull();

    const user = await server.bapi.users.getUser(userId);
    expect(user.firstName).toBe("Carol");
    expect(user.primaryEmailAddress?.emailAddress).toBe("carol@example.com");

    const elsewhere = await open();
    expect((await elsewhere.signIn("carol@example.com", "carol-password")).userId).toBe(userId);
  });

  it("completes progressively: email first, then the password by PATCH", async () => {
    const browser = await open();
    const started = await browser.call<Envelope<SignUpJson>>("POST", "/v1/client/sign_ups", {
      email_address: "dave@example.com",
    });
    expect(started.status).toBe(200);
    expect(started.body.response).toMatchObject({
      status: "missing_requirements",
      created_user_id: null,
    });
    const signUpId = started.body.response.id;
    expect(started.body.client?.sign_up?.id).toBe(signUpId);

    const finished = await browser.call<Envelope<SignUpJson>>(
      "PATCH",
      `/v1/client/sign_ups/${signUpId}`,
      { password: "dave-password" },
    );
    expect(finished.status).toBe(200);
    expect(finished.body.response).toMatchObject({
      id: signUpId,
      status: "complete",
      email_address: "dave@example.com",
    });
    expect(finished.body.client?.sessions).toHaveLength(1);
  });

  it("refuses an email that is taken, and keeps the existing user's password", async () => {
    const browser = await open();
    const response = await browser.call("POST", "/v1/client/sign_ups", {
      email_address: ALICE.email,
      password: "a-new-password",
    });
    expectClerkError(response, 422, "form_identifier_exists", "email_address");
    expect((await browser.client()).sessions).toEqual([]);
    const signIn = await browser.call("POST", "/v1/client/sign_ins", {
      identifier: ALICE.email,
      strategy: "password",
      password: "a-new-password",
    });
    expectClerkError(signIn, 422, "form_password_incorrect", "password");
  });

  it("refuses a short password and a malformed email, creating nobody", async () => {
    const browser = await open();
    const short = await browser.call("POST", "/v1/client/sign_ups", {
      email_address: "erin@example.com",
      password: "short",
    });
    expectClerkError(short, 422, "form_password_length_too_short", "password");
    const malformed = await browser.call("POST", "/v1/client/sign_ups", {
      email_address: "not-an-email",
      password: "long-enough-password",
    });
    expectClerkError(malformed, 422, "form_param_format_invalid", "email_address");
    expect((await browser.client()).sessions).toEqual([]);
    const signIn = await browser.call("POST", "/v1/client/sign_ins", {
      identifier: "erin@example.com",
    });
    expectClerkError(signIn, 422, "form_identifier_not_found", "identifier");
  });
});
