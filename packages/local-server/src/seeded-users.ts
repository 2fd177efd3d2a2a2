// The demo users every local identity server seeds (clerk-local and auth0-local alike, so either provider signs in
// the same people), and that tests, e2e and the benchmark sign in as.

export const SEEDED_PASSWORD = "offline-demo-password";

export const SEEDED_USERS = [
  { email: "alice@example.com", password: SEEDED_PASSWORD, firstName: "Alice", lastName: "Anders" },
  { email: "bob@example.com", password: SEEDED_PASSWORD, firstName: "Bob", lastName: "Brandt" },
] as const;
