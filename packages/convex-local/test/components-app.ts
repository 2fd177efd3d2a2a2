// Typed references to the functions of test/fixtures/components-app, shared by the tests that run it.
import { makeFunctionReference } from "convex/server";

/** @convex-dev/rate-limiter (limits.ts): 3 sends a minute per user, a token every 20 s. */
export const limits = {
  send: makeFunctionReference<"mutation", { user: string }, string>("limits:send"),
  trySend: makeFunctionReference<
    "mutation",
    { user: string },
    { ok: boolean; retryAfter?: number }
  >("limits:trySend"),
  remaining: makeFunctionReference<"query", { user: string }, number>("limits:remaining"),
  addNote: makeFunctionReference<"mutation", { note: string }>("limits:addNote"),
  badCall: makeFunctionReference<"mutation">("limits:badCall"),
  notes: makeFunctionReference<"query", Record<string, never>, string[]>("limits:notes"),
};

/** @convex-dev/sharded-counter (counters.ts). */
export const counters = {
  add: makeFunctionReference<"mutation", { name: string; count: number }>("counters:add"),
  count: makeFunctionReference<"query", { name: string }, number>("counters:count"),
};

/** @convex-dev/workpool (jobs.ts): an action failing its first `failures` attempts, retried by the pool. */
export const jobs = {
  start: makeFunctionReference<"mutation", { job: string; failures: number }, string>("jobs:start"),
  startSlow: makeFunctionReference<"mutation", { job: string; failures: number }, string>(
    "jobs:startSlow",
  ),
  outcome: makeFunctionReference<
    "query",
    { job: string },
    { attempts: number; outcome: { kind: string; value?: unknown } | null }
  >("jobs:outcome"),
  history: makeFunctionReference<
    "query",
    { job: string },
    { attempts: number[]; outcomes: string[] }
  >("jobs:history"),
  status: makeFunctionReference<
    "query",
    { id: string },
    { state: string; previousAttempts?: number }
  >("jobs:status"),
};
