// One convex-test instance per test, over the real schema and an explicit module map:
// convex-test's default glob is resolved from node_modules and finds nothing under pnpm (convex-test#48).
import rateLimiter from "@convex-dev/rate-limiter/test";
import { convexTest } from "convex-test";

import schema from "../convex/schema";

const modules = import.meta.glob("../convex/**/*.{ts,js}");

/** The backend with the components convex.config.ts mounts, registered as their packages document. */
export function newBackend() {
  const t = convexTest(schema, modules);
  rateLimiter.register(t);
  return t;
}

/** Two distinct signed-in people, as Clerk's Convex token would describe them. */
export const alice = {
  subject: "user_alice",
  issuer: "https://clerk.test",
  tokenIdentifier: "https://clerk.test|user_alice",
  name: "Alice",
  email: "alice@example.com",
};
export const bob = {
  subject: "user_bob",
  issuer: "https://clerk.test",
  tokenIdentifier: "https://clerk.test|user_bob",
  name: "Bob",
  email: "bob@example.com",
};
