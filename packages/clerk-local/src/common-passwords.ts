// Passwords known from breaches, for Clerk's `form_password_pwned` check. Clerk asks HaveIBeenPwned, which needs
// the network; offline, zxcvbn-ts's ranked list of the most common breached passwords (49k, from the same kind of
// breach corpora) stands in. Only those Clerk's length rules would otherwise let through are kept.
import { dictionary } from "@zxcvbn-ts/language-common";

import { PASSWORD_MIN_LENGTH } from "./instance";

export const COMMON_PASSWORDS: ReadonlySet<string> = new Set(
  dictionary["passwords-common"]
    .filter((password) => [...password].length >= PASSWORD_MIN_LENGTH)
    .map((password) => password.toLowerCase()),
);
