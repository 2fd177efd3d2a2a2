// User lockout, as Clerk's: after the instance's limit of failed password attempts (default 10) the user cannot
// sign in, not even with the right password, until the lockout (default 1 hour) ends or the Backend API unlocks.
// The error is the one clerk-js recognises: @clerk/shared's isUserLockedError on the response clerk-js builds.
import { ClerkAPIResponseError, isUserLockedError } from "@clerk/shared/error";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";

import { readCliSettings } from "../src/env";
import type { Envelope, ErrorBody, FapiResponse, SignInJson, TestServer } from "./support";
import { expectClerkError, FapiBrowser, startTestServer } from "./support";

let server: TestServer;
let counter = 0;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());
afterEach(() => {
  vi.useRealTimers();
});

async function newUser(target: TestServer = server) {
  const email = `locked-${++counter}@example.com`;
  const password = `right-horse-battery-${counter}`;
  const user = await target.bapi.users.createUser({ emailAddress: [email], password });
  return { id: user.id, email, password };
}

/** clerk-js's two-step sign-in: create with the identifier, then attempt_first_factor with the password. */
async function attempt(browser: FapiBrowser, email: string, password: string) {
  const created = await browser.call<Envelope<SignInJson>>("POST", "/v1/client/sign_ins", {
    identifier: email,
  });
  if (created.status !== 200) return created;
  return browser.call<Envelope<SignInJson>>(
    "POST",
    `/v1/client/sign_ins/${created.body.response.id}/attempt_first_factor`,
    { strategy: "password", password },
  );
}

/** What clerk-js throws for an error response, checked with clerk-js's own predicate. */
function expectUserLocked(response: FapiResponse<unknown>, maxSeconds: number): void {
  expectClerkError(response, 403, "user_locked");
  const { errors } = response.body as ErrorBody & {
    errors: { meta: { lockout_expires_in_seconds?: number } }[];
  };
  const seconds = errors[0]?.meta.lockout_expires_in_seconds ?? 0;
  expect(seconds).toBeGreaterThan(0);
  expect(seconds).toBeLessThanOrEqual(maxSeconds);
  // The text Clerk's <SignIn/> shows for a lockout.
  expect(errors[0]?.long_message).toMatch(
    /^Your account is locked\. You will be able to try again in \d+ minutes?\. For more information, please contact support\.$/,
  );
  const thrown = new ClerkAPIResponseError("locked", {
    data: errors,
    status: response.status,
  });
  expect(isUserLockedError(thrown)).toBe(true);
}

describe("user lockout (default: 10 failed attempts, 1 hour)", () => {
  it("refuses the right password after 30 wrong ones, on every client, until unlocked", async () => {
    const user = await newUser();
    const attacker = await FapiBrowser.open(server.clerk.url);
    const codes: string[] = [];
    for (let index = 0; index < 30; index++) {
      const response = await attempt(attacker, user.email, `wrong-guess-${index}`);
      codes.push((response.body as unknown as ErrorBody).errors[0]?.code ?? "");
    }
    // Nine plain failures, the tenth locks, the rest are refused as locked.
    expect(codes.slice(0, 9)).toEqual(Array(9).fill("form_password_incorrect"));
    expect(codes.slice(9)).toEqual(Array(21).fill("user_locked"));

    expectUserLocked(await attempt(attacker, user.email, user.password), 3600);
    // The real user, on another browser, one-step (what @clerk/testing's password strategy sends).
    const owner = await FapiBrowser.open(server.clerk.url);
    expectUserLocked(
      await owner.call("POST", "/v1/client/sign_ins", {
        identifier: user.email,
        strategy: "password",
        password: user.password,
      }),
      3600,
    );
    expect((await owner.client()).sessions).toEqual([]);
    expect((await attacker.client()).sessions).toEqual([]);

    // The Backend API shows the lock to @clerk/backend, and unlocks.
    expect((await server.bapi.users.getUser(user.id)).locked).toBe(true);
    // The SDK's User keeps only `locked`; the raw JSON carries the time left, as Clerk's does.
    const raw = (await (
      await fetch(`${server.clerk.url}/v1/users/${user.id}`, {
        headers: { authorization: `Bearer ${server.clerk.secretKey}` },
      })
    ).json()) as { lockout_expires_in_seconds: number };
    expect(raw.lockout_expires_in_seconds).toBeGreaterThan(3500);
    const unlocked = await server.bapi.users.unlockUser(user.id);
    expect(unlocked.locked).toBe(false);
    expect((await owner.signIn(user.email, user.password)).userId).toBe(user.id);
  });

  it("ends after the lockout duration", async () => {
    const user = await newUser();
    const browser = await FapiBrowser.open(server.clerk.url);
    for (let index = 0; index < 10; index++) await attempt(browser, user.email, "wrong-guess");
    expectUserLocked(await attempt(browser, user.email, user.password), 3600);
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + 3600 * 1000 + 1000 });
    expect((await browser.signIn(user.email, user.password)).userId).toBe(user.id);
  });

  it("counts only failures since the last successful sign-in", async () => {
    const user = await newUser();
    const browser = await FapiBrowser.open(server.clerk.url);
    for (let round = 0; round < 3; round++) {
      for (let index = 0; index < 9; index++) {
        expectClerkError(
          await attempt(browser, user.email, "wrong-guess"),
          422,
          "form_password_incorrect",
          "password",
        );
      }
      expect((await browser.signIn(user.email, user.password)).userId).toBe(user.id);
    }
  });

  it("is what lockUser sets through the Backend API", async () => {
    const user = await newUser();
    expect((await server.bapi.users.lockUser(user.id)).locked).toBe(true);
    const browser = await FapiBrowser.open(server.clerk.url);
    expectUserLocked(
      await browser.call("POST", "/v1/client/sign_ins", { identifier: user.email }),
      3600,
    );
  });
});

describe("a configured lockout", () => {
  it("uses the instance's limit and duration, and can be turned off", async () => {
    const strict = await startTestServer({ lockout: { maxAttempts: 3, durationMs: 60_000 } });
    const off = await startTestServer({ lockout: { maxAttempts: 0, durationMs: 60_000 } });
    try {
      const user = await newUser(strict);
      const browser = await FapiBrowser.open(strict.clerk.url);
      for (let index = 0; index < 2; index++) {
        expectClerkError(
          await attempt(browser, user.email, "wrong-guess"),
          422,
          "form_password_incorrect",
          "password",
        );
      }
      expectUserLocked(await attempt(browser, user.email, "wrong-guess"), 60);

      const free = await newUser(off);
      const other = await FapiBrowser.open(off.clerk.url);
      for (let index = 0; index < 30; index++) await attempt(other, free.email, "wrong-guess");
      expect((await other.signIn(free.email, free.password)).userId).toBe(free.id);
    } finally {
      await strict.stop();
      await off.stop();
    }
  });
});

describe("the CLI's lockout settings", () => {
  it("leave the default to the settings file, read CLERK_LOCAL_LOCKOUT_ATTEMPTS / _SECONDS, and refuse nonsense", () => {
    vi.stubEnv("CLERK_LOCAL_LOCKOUT_ATTEMPTS", undefined);
    vi.stubEnv("CLERK_LOCAL_LOCKOUT_SECONDS", undefined);
    // Unset: none from env, so the settings file's lockout applies, else Clerk's default.
    expect(readCliSettings().lockout).toBeUndefined();
    vi.stubEnv("CLERK_LOCAL_LOCKOUT_ATTEMPTS", "0");
    vi.stubEnv("CLERK_LOCAL_LOCKOUT_SECONDS", "90");
    expect(readCliSettings().lockout).toEqual({ maxAttempts: 0, durationMs: 90_000 });
    for (const bad of ["-1", "ten", "1.5", "1e3"]) {
      vi.stubEnv("CLERK_LOCAL_LOCKOUT_ATTEMPTS", bad);
      expect(() => readCliSettings()).toThrow(
        /CLERK_LOCAL_LOCKOUT_ATTEMPTS must be a whole number/,
      );
    }
  });
});
