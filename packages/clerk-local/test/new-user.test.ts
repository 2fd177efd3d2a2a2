// What a new user's email, password and names must be, through both ways users are created (Frontend API sign-up
// as clerk-js sends it, Backend API createUser through @clerk/backend), with Clerk's error codes, and property
// tests of the rules with generated hostile strings.
import { ClerkAPIResponseError, isPasswordPwnedError } from "@clerk/shared/error";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { ApiError } from "../src/http";
import { checkEmail, checkPassword, isValidEmail } from "../src/new-user";
import type { Envelope, ErrorBody, SignUpJson, TestServer } from "./support";
import { expectClerkError, FapiBrowser, startTestServer } from "./support";

let server: TestServer;
let counter = 0;
const fresh = () => `new-user-${++counter}@example.com`;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

async function signUp(fields: Record<string, string>) {
  const browser = await FapiBrowser.open(server.clerk.url);
  return browser.call<Envelope<SignUpJson>>("POST", "/v1/client/sign_ups", fields);
}

/** The Backend API's answer as @clerk/backend surfaces it: the status and the first error's code. */
async function createUser(fields: {
  email: string;
  password: string;
  firstName?: string;
}): Promise<{ status: number; code?: string }> {
  try {
    await server.bapi.users.createUser({
      emailAddress: [fields.email],
      password: fields.password,
      ...(fields.firstName === undefined ? {} : { firstName: fields.firstName }),
    });
    return { status: 200 };
  } catch (error) {
    const { status, errors } = error as { status: number; errors: { code: string }[] };
    return { status, code: errors[0]?.code };
  }
}

const REFUSED: [
  string,
  { email?: string; password?: string; first_name?: string },
  string,
  string,
][] = [
  [
    "a 60,000-character password",
    { password: "p".repeat(60_000) },
    "form_password_size_in_bytes_exceeded",
    "password",
  ],
  // 37 characters but 74 UTF-8 bytes: bcrypt's limit is in bytes.
  [
    "a password over 72 bytes",
    { password: "é".repeat(37) },
    "form_password_size_in_bytes_exceeded",
    "password",
  ],
  ["`password`", { password: "password" }, "form_password_pwned", "password"],
  [
    "a common password in another case",
    { password: "Baseball" },
    "form_password_pwned",
    "password",
  ],
  ["a 7-character password", { password: "x7Kq!pz" }, "form_password_length_too_short", "password"],
  ["`<script>@x.io`", { email: "<script>@x.io" }, "form_param_format_invalid", "email_address"],
  [
    "an email with a space",
    { email: "a b@example.com" },
    "form_param_format_invalid",
    "email_address",
  ],
  [
    "an email without a TLD",
    { email: "root@localhost" },
    "form_param_format_invalid",
    "email_address",
  ],
  [
    "an email with two @",
    { email: "a@b@example.com" },
    "form_param_format_invalid",
    "email_address",
  ],
  [
    "a 257-character first name",
    { first_name: "n".repeat(257) },
    "form_param_max_length_exceeded",
    "first_name",
  ],
];

describe("refused on sign-up and createUser alike", () => {
  for (const [label, override, code, param] of REFUSED) {
    it(`refuses ${label} with ${code}`, async () => {
      const email = override.email ?? fresh();
      const password = override.password ?? "a-perfectly-fine-passphrase";
      const form = {
        email_address: email,
        password,
        ...(override.first_name === undefined ? {} : { first_name: override.first_name }),
      };
      const response = await signUp(form);
      expectClerkError(response, 422, code, param);
      expect(await createUser({ email, password, firstName: override.first_name })).toEqual({
        status: 422,
        code,
      });
      // Nobody was created by either call.
      const signIn = await (
        await FapiBrowser.open(server.clerk.url)
      ).call("POST", "/v1/client/sign_ins", {
        identifier: email,
      });
      expect(signIn.status).toBe(422);
    });
  }

  it("answers the pwned-password error clerk-js recognises", async () => {
    const response = await signUp({ email_address: fresh(), password: "password" });
    const thrown = new ClerkAPIResponseError("pwned", {
      data: (response.body as unknown as ErrorBody).errors,
      status: response.status,
    });
    expect(isPasswordPwnedError(thrown)).toBe(true);
  });

  it("accepts the bounds: 8 characters, 72 bytes, plus-addressing and subdomains", async () => {
    for (const [email, password] of [
      [`edge+tag-${++counter}@mail.example.co.uk`, "k9#Lm2$q"],
      [`o'brien.${++counter}@xn--bcher-kva.example`, "é".repeat(36)],
    ] as const) {
      const response = await signUp({ email_address: email, password });
      expect(response.status).toBe(200);
      expect(response.body.response.status).toBe("complete");
    }
    expect(await createUser({ email: fresh(), password: "z".repeat(72) })).toEqual({ status: 200 });
  });
});

// Characters that must never reach an accepted address: they break HTML, headers or SMTP.
// eslint-disable-next-line no-control-regex -- control characters are among what must be refused
const DANGEROUS = /[\s<>()[\]\\,;:"\u0000-\u001f\u007f]/u;

describe("properties", () => {
  it("an accepted email is printable ASCII with one @, no markup or header characters, ≤254 long", () => {
    const hostile = fc.oneof(
      fc.string({ unit: "binary", maxLength: 80 }),
      fc.string({
        unit: fc.constantFrom(..."<>@.\"'`\\;:, \t\r\n%+-_aZ9()[]\u0000é"),
        maxLength: 40,
      }),
      fc
        .tuple(fc.string({ maxLength: 70 }), fc.string({ maxLength: 260 }))
        .map(([local, domain]) => `${local}@${domain}`),
    );
    fc.assert(
      fc.property(hostile, (candidate) => {
        if (!isValidEmail(candidate)) return;
        expect(candidate).toMatch(/^[\x21-\x7e]+$/);
        expect(candidate.split("@")).toHaveLength(2);
        expect(candidate).not.toMatch(DANGEROUS);
        expect(candidate.length).toBeLessThanOrEqual(254);
      }),
      { numRuns: 3000 },
    );
  });

  it("accepts the RFC addresses fast-check generates that fit Clerk's dot-atom form", () => {
    fc.assert(
      fc.property(fc.emailAddress(), (address) => {
        const [local = "", domain = ""] = address.split("@");
        const plainTld = /\.[A-Za-z]{2,63}$/.test(domain);
        if (address.length <= 254 && local.length <= 64 && plainTld) {
          expect(isValidEmail(address)).toBe(true);
          expect(checkEmail(address)).toBe(address.toLowerCase());
        }
      }),
      { numRuns: 2000 },
    );
  });

  it("a password is accepted exactly when it is 8+ characters, ≤72 bytes and not a common one; else a 422", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 120 }), (password) => {
        const long = [...password].length >= 8 && Buffer.byteLength(password) <= 72;
        try {
          checkPassword(password);
          expect(long).toBe(true);
        } catch (error) {
          expect(error).toBeInstanceOf(ApiError);
          expect((error as ApiError).status).toBe(422);
          expect([
            "form_password_length_too_short",
            "form_password_size_in_bytes_exceeded",
            "form_password_pwned",
          ]).toContain((error as ApiError).code);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it("sign-up over HTTP answers 200 or 422 for hostile fields, and creates a user only from valid ones", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ unit: "binary", maxLength: 60 }),
        fc.string({ unit: "binary", maxLength: 90 }),
        async (email, password) => {
          const response = await signUp({ email_address: email, password });
          expect([200, 422]).toContain(response.status);
          if (response.status === 200 && response.body.response.status === "complete") {
            expect(isValidEmail(email.trim().toLowerCase())).toBe(true);
            expect(() => {
              checkPassword(password);
            }).not.toThrow();
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
