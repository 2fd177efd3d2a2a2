// The rules a new user's email address, password and names must meet, for both ways users are created: sign-up
// (Frontend API) and createUser (Backend API). Error codes and texts are Clerk's own (clerk/javascript,
// packages/localizations/src/en-US.ts `unstable__errors`; codes typed in @clerk/shared's localization.d.ts).
import { COMMON_PASSWORDS } from "./common-passwords";
import { ApiError } from "./http";
import { PASSWORD_MAX_BYTES, PASSWORD_MIN_LENGTH } from "./instance";

/** Clerk: "First name should not exceed 256 characters." */
export const NAME_MAX_LENGTH = 256;
/** RFC 5321: 64 octets for the local part, 254 for a whole address that fits in a path. */
const LOCAL_MAX = 64;
const ADDRESS_MAX = 254;

// RFC 5322 dot-atom (no quoted strings or comments, which Clerk does not accept either): atext runs joined by dots.
const LOCAL_PART = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
// A DNS host name (RFC 1123 labels, 1..63 characters, no leading or trailing hyphen) with an alphabetic or
// punycode top-level label: `x.io`, `mail.example.co.uk`, `xn--bcher-kva.example`.
const LABEL = /^(?!-)[A-Za-z0-9-]{1,63}(?<!-)$/;
const TOP_LABEL = /^(?:[A-Za-z]{2,63}|xn--[A-Za-z0-9-]{1,59})$/;

/** Whether Clerk would take this as an email address: a dot-atom local part, `@`, and a DNS name with a TLD. */
export function isValidEmail(address: string): boolean {
  if (address.length > ADDRESS_MAX) return false;
  const at = address.lastIndexOf("@");
  const local = address.slice(0, at);
  const domain = address.slice(at + 1);
  if (at < 1 || local.length > LOCAL_MAX || !LOCAL_PART.test(local)) return false;
  const labels = domain.split(".");
  const top = labels.at(-1) ?? "";
  return labels.length >= 2 && labels.every((label) => LABEL.test(label)) && TOP_LABEL.test(top);
}

const invalid = (code: string, message: string, param: string) =>
  new ApiError(422, code, message, param);

/** The address as stored (trimmed, lower-case), or a 422 `form_param_format_invalid`. */
export function checkEmail(raw: string): string {
  const email = raw.trim().toLowerCase();
  if (!isValidEmail(email)) {
    throw invalid(
      "form_param_format_invalid",
      "Email address must be a valid email address.",
      "email_address",
    );
  }
  return email;
}

/** Length (8 characters .. 72 bytes) and a bundled list of the most common breached passwords. */
export function checkPassword(password: string): void {
  if ([...password].length < PASSWORD_MIN_LENGTH) {
    throw invalid(
      "form_password_length_too_short",
      `Your password is too short. It must be at least ${PASSWORD_MIN_LENGTH} characters long.`,
      "password",
    );
  }
  if (Buffer.byteLength(password, "utf8") > PASSWORD_MAX_BYTES) {
    throw invalid(
      "form_password_size_in_bytes_exceeded",
      "Your password has exceeded the maximum number of bytes allowed, please shorten it or remove some special characters.",
      "password",
    );
  }
  if (COMMON_PASSWORDS.has(password.toLowerCase())) {
    throw invalid(
      "form_password_pwned",
      "This password has been found as part of a breach and can not be used, please try another password instead.",
      "password",
    );
  }
}

/** A first or last name: at most 256 characters and no control characters; empty means none. */
export function checkName(raw: string | null, param: "first_name" | "last_name"): string | null {
  if (raw === null) return null;
  const label = param === "first_name" ? "First name" : "Last name";
  if ([...raw].length > NAME_MAX_LENGTH) {
    throw invalid(
      "form_param_max_length_exceeded",
      `${label} should not exceed ${NAME_MAX_LENGTH} characters.`,
      param,
    );
  }
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if (/[\u0000-\u001f\u007f]/.test(raw)) {
    throw invalid(
      "form_param_format_invalid",
      `${label} must not contain control characters.`,
      param,
    );
  }
  const name = raw.trim();
  return name === "" ? null : name;
}

/** Clerk's username length bounds (clerk-js clamps `username_settings` to 4..64). */
export const USERNAME_MIN_LENGTH = 4;
export const USERNAME_MAX_LENGTH = 64;

/**
 * The username as stored (trimmed, lower-case: Clerk matches usernames case-insensitively), or a 422. Texts are
 * Clerk's (`form_username_invalid_length`, `form_username_needs_non_number_char`); the character set (letters,
 * digits, `_`, `-`, `.`) keeps usernames apart from email addresses, which sign-in tells apart by the `@`.
 */
export function checkUsername(raw: string): string {
  const username = raw.trim().toLowerCase();
  const length = [...username].length;
  if (length < USERNAME_MIN_LENGTH || length > USERNAME_MAX_LENGTH) {
    throw invalid(
      "form_username_invalid_length",
      `Your username must be between ${USERNAME_MIN_LENGTH} and ${USERNAME_MAX_LENGTH} characters long.`,
      "username",
    );
  }
  if (/^\d+$/.test(username)) {
    throw invalid(
      "form_username_needs_non_number_char",
      "Your username must contain at least one non-numeric character.",
      "username",
    );
  }
  if (!/^[a-z0-9_.-]+$/.test(username)) {
    throw invalid(
      "form_param_format_invalid",
      "Your username may contain only letters, numbers, '_', '-' and '.'.",
      "username",
    );
  }
  return username;
}
