// What a Frontend API form field that the user may leave blank means when it arrives empty. clerk-js sends every
// attribute its form shows, a blank one as `name=` (e.g. `email_address=` when only the username is required);
// Clerk takes an empty optional field as not given, so it must not be checked as a malformed value.

/** The sign-up attributes a user may leave blank (which of them the instance requires is checked afterwards). */
export const OPTIONAL_SIGN_UP_FIELDS = [
  "email_address",
  "username",
  "first_name",
  "last_name",
] as const;

/** The form without the named fields that are empty: each is then absent, as if never sent. */
export function withoutEmpty(
  body: Record<string, string>,
  names: readonly string[],
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(body).filter(([name, value]) => value !== "" || !names.includes(name)),
  );
}
