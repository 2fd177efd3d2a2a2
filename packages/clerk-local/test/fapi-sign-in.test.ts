// The Frontend API calls clerk-js makes on load and to sign in, with the shapes clerk-js reads back; failed
// sign-ins answer Clerk's 422 error envelope and leave the client without a session.
import { verifyToken } from "@clerk/backend";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { ClientJson, Envelope, SignInJson, TestServer } from "./support";
import { ALICE, expectClerkError, FapiBrowser, startTestServer } from "./support";

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

const open = () => FapiBrowser.open(server.clerk.url);

describe("loading clerk-js", () => {
  it("creates a distinct dev browser each time", async () => {
    const [first, second] = await Promise.all([open(), open()]);
    expect(first.devBrowser).not.toBe(second.devBrowser);
  });

  it("serves an email + password environment, by GET and by PATCH", async () => {
    const browser = await open();
    for (const method of ["GET", "PATCH"] as const) {
      const { status, body } = await browser.call<{
        object: string;
        auth_config: { single_session_mode: boolean };
        display_config: { instance_environment_type: string };
        user_settings: {
          attributes: Record<string, { enabled: boolean; used_for_first_factor: boolean }>;
          social: Record<string, unknown>;
        };
      }>(method, "/v1/environment");
      expect(status).toBe(200);
      expect(body.object).toBe("environment");
      expect(body.display_config.instance_environment_type).toBe("development");
      expect(body.auth_config.single_session_mode).toBe(true);
      expect(body.user_settings.attributes.email_address).toMatchObject({
        enabled: true,
        used_for_first_factor: true,
      });
      expect(body.user_settings.attributes.password?.enabled).toBe(true);
      expect(body.user_settings.social).toEqual({});
    }
  });

  it("answers a new dev browser with an empty client, wrapped as { response, client: null }", async () => {
    const browser = await open();
    const { status, body } = await browser.call<Envelope<ClientJson>>("GET", "/v1/client");
    expect(status).toBe(200);
    expect(body.client).toBeNull();
    expect(body.response).toMatchObject({
      object: "client",
      sessions: [],
      sign_in: null,
      sign_up: null,
      last_active_session_id: null,
    });
  });

  it("refuses client calls without a dev browser", async () => {
    const response = await fetch(`${server.clerk.url}/v1/client`);
    expectClerkError(
      { status: response.status, body: await response.json() },
      401,
      "dev_browser_unauthenticated",
    );
  });
});

describe("sign-in", () => {
  it("signs in in one step (identifier + strategy=password + password)", async () => {
    const browser = await open();
    const { status, body } = await browser.call<Envelope<SignInJson>>(
      "POST",
      "/v1/client/sign_ins",
      { identifier: ALICE.email, strategy: "password", password: ALICE.password },
    );
    expect(status).toBe(200);
    expect(body.response).toMatchObject({ object: "sign_in", status: "complete" });
    const sessionId = body.response.created_session_id;
    expect(sessionId).toMatch(/^sess_/);
    // The client comes back with the new session, its user, and a token clerk-js uses without another round trip.
    const session = body.client?.sessions.find((candidate) => candidate.id === sessionId);
    expect(session?.status).toBe("active");
    expect(session?.user.email_addresses[0]?.email_address).toBe(ALICE.email);
    expect(body.client?.last_active_session_id).toBe(sessionId);
    const payload = await verifyToken(session?.last_active_token?.jwt ?? "", {
      jwtKey: server.jwtKey,
    });
    expect(payload).toMatchObject({ sid: sessionId, sub: session?.user.id });
  });

  it("signs in in two steps (create, then attempt_first_factor)", async () => {
    const browser = await open();
    const created = await browser.call<Envelope<SignInJson>>("POST", "/v1/client/sign_ins", {
      identifier: ALICE.email,
    });
    expect(created.status).toBe(200);
    expect(created.body.response).toMatchObject({
      status: "needs_first_factor",
      identifier: ALICE.email,
      created_session_id: null,
    });
    expect(created.body.response.supported_first_factors).toContainEqual({
      strategy: "password",
    });
    const signInId = created.body.response.id;
    expect(created.body.client?.sign_in?.id).toBe(signInId);
    expect(created.body.client?.sessions).toEqual([]);

    const read = await browser.call<Envelope<SignInJson>>("GET", `/v1/client/sign_ins/${signInId}`);
    expect(read.body.response.status).toBe("needs_first_factor");

    const attempted = await browser.call<Envelope<SignInJson>>(
      "POST",
      `/v1/client/sign_ins/${signInId}/attempt_first_factor`,
      { strategy: "password", password: ALICE.password },
    );
    expect(attempted.status).toBe(200);
    expect(attempted.body.response.status).toBe("complete");
    const sessionId = attempted.body.response.created_session_id;
    expect(attempted.body.client?.sessions.map((session) => session.id)).toEqual([sessionId]);
    expect(attempted.body.client?.sign_in).toBeNull();
  });

  it("matches the identifier case-insensitively, as Clerk does", async () => {
    const browser = await open();
    const { sessionId } = await browser.signIn(ALICE.email.toUpperCase(), ALICE.password);
    expect(sessionId).toMatch(/^sess_/);
  });

  it("answers a wrong password (one step) with form_password_incorrect and no session", async () => {
    const browser = await open();
    const response = await browser.call("POST", "/v1/client/sign_ins", {
      identifier: ALICE.email,
      strategy: "password",
      password: "wrong-password",
    });
    expectClerkError(response, 422, "form_password_incorrect", "password");
    const client = await browser.client();
    expect(client.sessions).toEqual([]);
    expect(client.last_active_session_id).toBeNull();
  });

  it("answers a wrong password (two steps) with form_password_incorrect, then accepts the right one", async () => {
    const browser = await open();
    const created = await browser.call<Envelope<SignInJson>>("POST", "/v1/client/sign_ins", {
      identifier: ALICE.email,
    });
    const signInId = created.body.response.id;
    const wrong = await browser.call(
      "POST",
      `/v1/client/sign_ins/${signInId}/attempt_first_factor`,
      { strategy: "password", password: "wrong-password" },
    );
    expectClerkError(wrong, 422, "form_password_incorrect", "password");
    const afterWrong = await browser.client();
    expect(afterWrong.sessions).toEqual([]);
    expect(afterWrong.sign_in).toMatchObject({ id: signInId, status: "needs_first_factor" });

    const right = await browser.call<Envelope<SignInJson>>(
      "POST",
      `/v1/client/sign_ins/${signInId}/attempt_first_factor`,
      { strategy: "password", password: ALICE.password },
    );
    expect(right.status).toBe(200);
    expect(right.body.response.status).toBe("complete");
  });

  it("answers an unknown user with form_identifier_not_found and no sign-in or session", async () => {
    const browser = await open();
    const forms: Record<string, string>[] = [
      { identifier: "nobody@example.com" },
      { identifier: "nobody@example.com", strategy: "password", password: ALICE.password },
    ];
    for (const form of forms) {
      const response = await browser.call("POST", "/v1/client/sign_ins", form);
      expectClerkError(response, 422, "form_identifier_not_found", "identifier");
    }
    const client = await browser.client();
    expect(client.sessions).toEqual([]);
    expect(client.sign_in).toBeNull();
  });

  it("answers a missing identifier with form_param_nil", async () => {
    const browser = await open();
    const response = await browser.call("POST", "/v1/client/sign_ins", { identifier: " " });
    expectClerkError(response, 422, "form_param_nil", "identifier");
  });

  it("refuses first factors other than password (no email codes offline)", async () => {
    const browser = await open();
    const created = await browser.call<Envelope<SignInJson>>("POST", "/v1/client/sign_ins", {
      identifier: ALICE.email,
    });
    const response = await browser.call(
      "POST",
      `/v1/client/sign_ins/${created.body.response.id}/attempt_first_factor`,
      { strategy: "email_code", code: "424242" },
    );
    expectClerkError(response, 422, "strategy_for_user_invalid", "strategy");
    expect((await browser.client()).sessions).toEqual([]);
  });

  it.each(["reset_password_email_code", "email_code", "email_link", "phone_code"])(
    "refuses to prepare or start %s instead of answering 200 with nothing sent",
    async (strategy) => {
      const browser = await open();
      const created = await browser.call<Envelope<SignInJson>>("POST", "/v1/client/sign_ins", {
        identifier: ALICE.email,
      });
      const id = created.body.response.id;
      const prepared = await browser.call(
        "POST",
        `/v1/client/sign_ins/${id}/prepare_first_factor`,
        {
          strategy,
          email_address_id: "idn_x",
        },
      );
      expectClerkError(prepared, 422, "strategy_for_user_invalid", "strategy");
      expect(JSON.stringify(prepared.body)).toContain(`The ${strategy} strategy is not enabled`);
      expectClerkError(
        await browser.call("POST", "/v1/client/sign_ins", { identifier: ALICE.email, strategy }),
        422,
        "strategy_for_user_invalid",
        "strategy",
      );
      // The password still works on the same sign-in.
      const done = await browser.call<Envelope<SignInJson>>(
        "POST",
        `/v1/client/sign_ins/${id}/attempt_first_factor`,
        { strategy: "password", password: ALICE.password },
      );
      expect(done.body.response.status).toBe("complete");
    },
  );

  it("keeps one session per client: signing in again ends the previous session", async () => {
    const browser = await open();
    const first = await browser.signIn(ALICE.email, ALICE.password);
    const second = await browser.signIn(ALICE.email, ALICE.password);
    expect(second.sessionId).not.toBe(first.sessionId);
    const client = await browser.client();
    expect(client.sessions.map((session) => session.id)).toEqual([second.sessionId]);
    expect((await browser.token(first.sessionId)).status).toBe(404);
  });
});
