// The instance settings file (`<data dir>/clerk-local.json` or CLERK_LOCAL_SETTINGS): a bad file stops the start
// with what is wrong and writes nothing; usernames, when enabled, work for sign-up, sign-in (FAPI, the real
// <SignUp/> in a browser) and the Backend API; optional fields sent empty count as not given; the lockout policy
// comes from the file.
import { existsSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

import fc from "fast-check";
import type { Browser } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";

import { OPTIONAL_SIGN_UP_FIELDS } from "../src/form-fields";
import { startClerkLocal } from "../src/index";
import { launchBrowser, serveApp } from "./browser";
import type { Envelope, SignUpJson, TestServer } from "./support";
import { expectClerkError, FapiBrowser, makeDataDir, startTestServer } from "./support";

// A real browser on a shared 2-core machine: allow more than the API tests' 30 s.
vi.setConfig({ testTimeout: 90_000, hookTimeout: 90_000 });

const PASSWORD = "correct-horse-battery";

function dataDirWith(settings: unknown): string {
  const dataDir = makeDataDir();
  writeFileSync(
    join(dataDir, "clerk-local.json"),
    typeof settings === "string" ? settings : JSON.stringify(settings),
  );
  return dataDir;
}

async function serverWith(settings: unknown, assets = false): Promise<TestServer> {
  return startTestServer({ dataDir: dataDirWith(settings), assets });
}

describe("a bad settings file", () => {
  // vitest unstubs env before each test, not after: the next describe's beforeAll would see it.
  afterEach(() => vi.unstubAllEnvs());

  it.each([
    ["{ not json", /is not valid JSON/],
    [{ identifiers: [] }, />=1 items[\s\S]*identifiers/],
    [{ identifiers: ["phone_number"] }, /identifiers/],
    [{ identifiers: ["username", "username"] }, /must not repeat a value/],
    [{ required: ["username"] }, /"username" is required but not one of the identifiers/],
    [{ required: ["first_name"] }, /must include at least one identifier/],
    [{ lockout: { maxAttempts: -1, durationSeconds: 60 } }, /maxAttempts/],
    [{ lockout: { maxAttempts: 3 } }, /durationSeconds/],
    [{ usernames: true }, /usernames/],
    [["email_address"], /expected object/i],
  ])("%j stops the start, saying why, and writes nothing", async (settings, reason) => {
    const dataDir = dataDirWith(settings);
    await expect(startClerkLocal({ port: 0, dataDir, assets: false })).rejects.toThrow(reason);
    expect(readdirSync(dataDir)).toEqual(["clerk-local.json"]);
  });

  it("a settings file named in CLERK_LOCAL_SETTINGS must exist", async () => {
    vi.stubEnv("CLERK_LOCAL_SETTINGS", "/nonexistent/clerk-local.json");
    await expect(
      startClerkLocal({ port: 0, dataDir: makeDataDir(), assets: false }),
    ).rejects.toThrow("the settings file /nonexistent/clerk-local.json does not exist");
  });

  it("CLERK_LOCAL_SETTINGS names a file outside the data dir", async () => {
    const elsewhere = join(dataDirWith({ identifiers: ["username"] }), "clerk-local.json");
    vi.stubEnv("CLERK_LOCAL_SETTINGS", elsewhere);
    const server = await startTestServer();
    try {
      const fapi = await FapiBrowser.open(server.clerk.url);
      const { body } = await fapi.call<{
        user_settings: { attributes: Record<string, { enabled: boolean }> };
      }>("GET", "/v1/environment");
      expect(body.user_settings.attributes.username?.enabled).toBe(true);
      expect(body.user_settings.attributes.email_address?.enabled).toBe(false);
    } finally {
      await server.stop();
    }
  });
});

describe("email address and username", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await serverWith({
      applicationName: "Usernames Inc.",
      identifiers: ["email_address", "username"],
      required: ["email_address", "username", "first_name"],
    });
  });
  afterAll(() => server.stop());

  it("serves the attributes in the environment", async () => {
    const fapi = await FapiBrowser.open(server.clerk.url);
    const { body } = await fapi.call<{
      display_config: { application_name: string };
      user_settings: {
        attributes: Record<
          string,
          { enabled: boolean; required: boolean; used_for_first_factor: boolean }
        >;
      };
    }>("GET", "/v1/environment");
    expect(body.display_config.application_name).toBe("Usernames Inc.");
    const { attributes } = body.user_settings;
    expect(attributes.username).toMatchObject({
      enabled: true,
      required: true,
      used_for_first_factor: true,
    });
    expect(attributes.email_address).toMatchObject({ enabled: true, required: true });
    expect(attributes.first_name).toMatchObject({ enabled: true, required: true });
    expect(attributes.last_name).toMatchObject({ enabled: true, required: false });
  });

  it("signs up with a username (missing fields listed until given), then signs in with it", async () => {
    const fapi = await FapiBrowser.open(server.clerk.url);
    const started = await fapi.call<Envelope<SignUpJson & { missing_fields: string[] }>>(
      "POST",
      "/v1/client/sign_ups",
      { email_address: "carol@example.com", password: PASSWORD },
    );
    expect(started.status).toBe(200);
    expect(started.body.response.status).toBe("missing_requirements");
    expect(started.body.response.missing_fields).toEqual(["username", "first_name", "password"]);
    const done = await fapi.call<Envelope<SignUpJson & { username: string }>>(
      "PATCH",
      `/v1/client/sign_ups/${started.body.response.id}`,
      { username: "Carol_C", first_name: "Carol", password: PASSWORD },
    );
    expect(done.body.response).toMatchObject({ status: "complete", username: "carol_c" });

    const other = await FapiBrowser.open(server.clerk.url);
    const { userId } = await other.signIn("CAROL_c", PASSWORD);
    const user = await server.bapi.users.getUser(userId);
    expect(user.username).toBe("carol_c");
    expect(user.primaryEmailAddress?.emailAddress).toBe("carol@example.com");
    const found = await server.bapi.users.getUserList({ username: ["carol_c"] });
    expect(found.data.map((candidate) => candidate.id)).toEqual([userId]);
  });

  it("refuses a taken or malformed username, changing nothing", async () => {
    await server.bapi.users.createUser({
      emailAddress: ["dave@example.com"],
      username: "dave",
      password: PASSWORD,
    });
    const fapi = await FapiBrowser.open(server.clerk.url);
    const base = { email_address: "dave2@example.com", first_name: "D", password: PASSWORD };
    const cases: [string, string][] = [
      ["Dave", "form_identifier_exists"],
      ["abc", "form_username_invalid_length"],
      ["x".repeat(65), "form_username_invalid_length"],
      ["12345", "form_username_needs_non_number_char"],
      ["has space", "form_param_format_invalid"],
      ["dave@example.com", "form_param_format_invalid"],
    ];
    for (const [username, code] of cases) {
      const response = await fapi.call("POST", "/v1/client/sign_ups", { ...base, username });
      expectClerkError(response, 422, code, "username");
    }
    expect((await fapi.client()).sessions).toEqual([]);
    expect(
      (await server.bapi.users.getUserList({ emailAddress: ["dave2@example.com"] })).totalCount,
    ).toBe(0);
  });

  it("the Backend API requires the required identifiers", async () => {
    await expect(
      server.bapi.users.createUser({ emailAddress: ["erin@example.com"], password: PASSWORD }),
    ).rejects.toMatchObject({ status: 422, errors: [{ code: "form_username_invalid_length" }] });
  });
});

describe("email address optional, username required", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await serverWith({
      identifiers: ["email_address", "username"],
      required: ["username"],
    });
  });
  afterAll(() => server.stop());

  it("takes the empty optional fields clerk-js sends as not given (they were a 422)", async () => {
    const fapi = await FapiBrowser.open(server.clerk.url);
    // What <SignUp/> posts when the user fills in only the username and the password.
    const { status, body } = await fapi.call<Envelope<SignUpJson & { username: string }>>(
      "POST",
      "/v1/client/sign_ups",
      { email_address: "", username: "frank", first_name: "", last_name: "", password: PASSWORD },
    );
    expect(status).toBe(200);
    expect(body.response).toMatchObject({
      status: "complete",
      username: "frank",
      email_address: null,
    });
    const user = await server.bapi.users.getUser(body.response.created_user_id ?? "");
    expect(user.emailAddresses).toEqual([]);
    expect(user.firstName).toBeNull();
  });

  it("completes whichever optional fields are sent empty", async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.subarray([...OPTIONAL_SIGN_UP_FIELDS]), async (blank) => {
        const username = `user-${run++}`;
        const form: Record<string, string> = { username, password: PASSWORD };
        for (const field of blank) form[field] = field === "username" ? username : "";
        const fapi = await FapiBrowser.open(server.clerk.url);
        const { status, body } = await fapi.call<Envelope<SignUpJson>>(
          "POST",
          "/v1/client/sign_ups",
          form,
        );
        expect(status).toBe(200);
        expect(body.response.status).toBe("complete");
      }),
      { numRuns: 20, interruptAfterTimeLimit: 20_000, markInterruptAsFailure: false },
    );
  });

  it("still refuses a blank-but-not-empty or malformed optional email", async () => {
    const fapi = await FapiBrowser.open(server.clerk.url);
    for (const email_address of [" ", "not-an-email"]) {
      const response = await fapi.call("POST", "/v1/client/sign_ups", {
        email_address,
        username: "grace",
        password: PASSWORD,
      });
      expectClerkError(response, 422, "form_param_format_invalid", "email_address");
    }
  });

  it("lists an empty required field as missing, not malformed", async () => {
    const fapi = await FapiBrowser.open(server.clerk.url);
    const { status, body } = await fapi.call<Envelope<SignUpJson & { missing_fields: string[] }>>(
      "POST",
      "/v1/client/sign_ups",
      { email_address: "", username: "", password: PASSWORD },
    );
    expect(status).toBe(200);
    // The password is listed again until the sign-up completes, as in the username-first flow above.
    expect(body.response.missing_fields).toEqual(["username", "password"]);
  });
});

describe("username only", () => {
  let server: TestServer;
  let browser: Browser;
  beforeAll(async () => {
    server = await serverWith({ identifiers: ["username"] }, true);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser.close();
    await server.stop();
  });

  it("refuses email addresses, for sign-up and sign-in", async () => {
    const fapi = await FapiBrowser.open(server.clerk.url);
    expectClerkError(
      await fapi.call("POST", "/v1/client/sign_ups", {
        email_address: "frank@example.com",
        username: "frank",
        password: PASSWORD,
      }),
      422,
      "form_param_unknown",
      "email_address",
    );
    // The seeded users have email addresses only: not an identifier here.
    expectClerkError(
      await fapi.call("POST", "/v1/client/sign_ins", { identifier: "alice@example.com" }),
      422,
      "form_identifier_not_found",
      "identifier",
    );
  });

  it("the real <SignUp/> signs a user up with a username and no email", async () => {
    const app = await serveApp("<!doctype html><p>app</p>");
    const page = await browser.newPage();
    try {
      await page.goto(
        `${server.clerk.url}/sign-up?${new URLSearchParams({ redirect_url: app.url })}`,
      );
      await page.getByLabel("Username").fill("grace_h");
      await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
      await page.getByRole("button", { name: "Continue", exact: true }).click();
      await page.waitForURL((url) => url.href.startsWith(app.url));
      const found = await server.bapi.users.getUserList({ username: ["grace_h"] });
      expect(found.totalCount).toBe(1);
      expect(found.data[0]?.emailAddresses).toEqual([]);
      expect(found.data[0]?.lastSignInAt).not.toBeNull();
    } finally {
      await page.close();
      await app.stop();
    }
  });
});

describe("lockout from the settings file", () => {
  it("locks after the file's maxAttempts", async () => {
    const server = await serverWith({ lockout: { maxAttempts: 2, durationSeconds: 120 } });
    try {
      const fapi = await FapiBrowser.open(server.clerk.url);
      const wrong = {
        identifier: "alice@example.com",
        strategy: "password",
        password: "wrong-password",
      };
      expectClerkError(
        await fapi.call("POST", "/v1/client/sign_ins", wrong),
        422,
        "form_password_incorrect",
        "password",
      );
      const second = await fapi.call("POST", "/v1/client/sign_ins", wrong);
      expect(second.status).toBe(403);
      expect(JSON.stringify(second.body)).toContain("user_locked");
    } finally {
      await server.stop();
    }
  });
});

it("no settings file: email address and password, as before", () => {
  expect(existsSync(join(makeDataDir(), "clerk-local.json"))).toBe(false);
});
