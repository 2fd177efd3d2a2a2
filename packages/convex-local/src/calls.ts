// Calling a client-visible function by path, shared by the HTTP API and WebSocket sync, and resolving what a
// caller names (a component path and a udf path) to the function it may call.
import type { JSONValue } from "convex/values";

import { handleOf, isFunctionHandle } from "./component-scope";
import type { Engine, Outcome } from "./engine";
import type { FunctionKind } from "./functions";

/** Who calls: a client (public functions of the app), or the admin key (`npx convex run [--component]`). */
export type Caller = "client" | "admin";

/** How much of a caller's component path an error repeats (it may be as long as a request body). */
const SHOWN_PATH_LENGTH = 200;

/** The error for a component path no component is mounted at, naming it (shortened, escaped). */
export function componentNotFound(componentPath: string): string {
  const shown =
    componentPath.length > SHOWN_PATH_LENGTH
      ? `${componentPath.slice(0, SHOWN_PATH_LENGTH)}…`
      : componentPath;
  return `Component path ${JSON.stringify(shown)} was not found: this deployment mounts no such component.`;
}

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
 * The server's name for the function a caller names (./component-scope's handle), or the refusal. The app's
 * functions are named by udf path alone (a component path of "", null or absent). A component's are reachable
 * by clients only through the app's functions, as on Convex; the admin key names them with a mounted
 * component's path. A function handle (`function://…`) is the server's own name, which a caller's udf path
 * never is: taken as one, it would reach any component's functions past both rules.
 */
export function resolveTarget(
  engine: Engine,
  componentPath: string | null | undefined,
  udfPath: string,
  caller: Caller,
): { ok: true; target: string } | { ok: false; outcome: Outcome } {
  const component = componentPath ?? "";
  if (isFunctionHandle(udfPath) || (component !== "" && caller === "client"))
    return { ok: false, outcome: missingFunction(udfPath) };
  if (component !== "" && !engine.hasComponent(component))
    return {
      ok: false,
      outcome: { ok: false, errorMessage: componentNotFound(component), logLines: [] },
    };
  return { ok: true, target: handleOf({ component, udfPath }) };
}

/**
 * Resolves the function (by the server's name: see resolveTarget) and checks it may be called this way. Clients see public functions only (internal ones
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

/** A client's call: public functions of the app only (a component path names nothing here). */
export async function callPublic(
  engine: Engine,
  componentPath: string | null | undefined,
  path: string,
  expected: FunctionKind | "any",
  args: JSONValue,
  identity: Parameters<Engine["mutation"]>[2],
): Promise<Outcome> {
  const resolved = resolveTarget(engine, componentPath, path, "client");
  if (!resolved.ok) return resolved.outcome;
  return await callFunction(engine, resolved.target, expected, args, identity);
}
