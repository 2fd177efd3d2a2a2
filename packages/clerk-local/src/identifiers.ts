// Users' identifiers as the instance settings allow them: looking a user up by what they typed, refusing an
// identifier the instance does not use, and refusing one another user holds.
import { ApiError } from "./http";
import { checkEmail, checkUsername } from "./new-user";
import type { Identifier, InstanceSettings } from "./settings";
import type { Store, User } from "./store";

/** The user an identifier names: an email address (it has an `@`) or a username, each only if enabled. */
export function userByIdentifier(
  store: Store,
  settings: InstanceSettings,
  identifier: string,
): User | null {
  const kind: Identifier = identifier.includes("@") ? "email_address" : "username";
  if (!settings.identifiers.has(kind)) return null;
  return kind === "email_address"
    ? store.userByEmail(identifier)
    : store.userByUsername(identifier);
}

/** What the identifier field asks for, as Clerk's <SignIn/> words it. */
export function identifierPrompt(settings: InstanceSettings): string {
  const names = [...settings.identifiers].map((kind) =>
    kind === "email_address" ? "an email address" : "a username",
  );
  return `Enter ${names.join(" or ")}.`;
}

/**
 * A new user's email address and username, validated and checked against the instance's identifiers and existing
 * users. `undefined` means not given (the caller keeps what it had).
 */
export function newIdentifiers(
  store: Store,
  settings: InstanceSettings,
  given: { email?: string; username?: string },
): { email?: string; username?: string } {
  const result: { email?: string; username?: string } = {};
  for (const [kind, value] of [
    ["email_address", given.email],
    ["username", given.username],
  ] as const) {
    if (value === undefined) continue;
    if (!settings.identifiers.has(kind)) {
      // Clerk refuses a parameter for an attribute the instance has turned off.
      throw new ApiError(
        422,
        "form_param_unknown",
        `${kind} is not a valid parameter for this request.`,
        kind,
      );
    }
    if (kind === "email_address") {
      const email = checkEmail(value);
      if (store.userByEmail(email) !== null) {
        throw new ApiError(
          422,
          "form_identifier_exists",
          "That email address is taken. Please try another.",
          "email_address",
        );
      }
      result.email = email;
    } else {
      const username = checkUsername(value);
      if (store.userByUsername(username) !== null) {
        throw new ApiError(
          422,
          "form_identifier_exists",
          "That username is taken. Please try another.",
          "username",
        );
      }
      result.username = username;
    }
  }
  return result;
}

/** Required sign-up fields (and the password) a would-be user still lacks. */
export function missingFields(
  settings: InstanceSettings,
  values: {
    email: string | null;
    username: string | null;
    firstName: string | null;
    lastName: string | null;
    hasPassword: boolean;
  },
): string[] {
  const present: Record<string, boolean> = {
    email_address: values.email !== null,
    username: values.username !== null,
    first_name: values.firstName !== null,
    last_name: values.lastName !== null,
  };
  const missing = [...settings.required].filter((field) => present[field] !== true);
  return values.hasPassword ? missing : [...missing, "password"];
}
