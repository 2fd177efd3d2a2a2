// Calling a client-visible function by path, shared by the HTTP API and WebSocket sync.
import type { JSONValue } from "convex/values";

import type { Engine, Outcome } from "./engine";
import type { FunctionKind } from "./functions";

export function missingFunction(path: string): Outcome {
  return {
    ok: false,
    errorMessage:
      `Could not find public function for '${path}'. Did you forget to run \`npx convex dev\` or \`npx convex deploy\`? ` +
      `(local backend: the function must be exported from a file in convex/convex/ and be a public query, mutation or action)`,
    logLines: [],
  };
}

/**
 * Resolves the function and checks it may be called this way. Clients see public functions only (internal ones
 * are invisible to them); the admin (`npx convex run`) may call internal ones too.
 */
export async function callFunction(
  engine: Engine,
  path: string,
  expected: FunctionKind | "any",
  args: JSONValue,
  identity: Parameters<Engine["mutation"]>[2],
  caller: "client" | "admin" = "client",
): Promise<Outcome> {
  const info = await engine.describe(path);
  if (info === null || info.kind === "httpAction") return missingFunction(path);
  if (!info.isPublic && caller !== "admin") return missingFunction(path);
  if (expected !== "any" && info.kind !== expected) {
    return {
      ok: false,
      errorMessage: `Function '${path}' is a ${info.kind}, not a ${expected}.`,
      logLines: [],
    };
  }
  if (info.kind === "query") return (await engine.query(path, args, identity)).outcome;
  if (info.kind === "mutation") return await engine.mutation(path, args, identity);
  return await engine.action(path, args, identity);
}

/** A client's call: public functions only. */
export function callPublic(
  engine: Engine,
  path: string,
  expected: FunctionKind | "any",
  args: JSONValue,
  identity: Parameters<Engine["mutation"]>[2],
): Promise<Outcome> {
  return callFunction(engine, path, expected, args, identity);
}
