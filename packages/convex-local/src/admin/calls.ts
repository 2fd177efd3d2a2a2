// Calls made with the admin key (`npx convex run`): public and internal functions alike, and system queries;
// as nobody (ctx.auth says null) unless the CLI passed --identity, which it appends to the key as base64 JSON.
import type { UserIdentity } from "convex/server";
import type { JSONValue } from "convex/values";

import { callFunction, missingFunction, resolveTarget } from "../calls";
import type { Outcome } from "../engine";
import type { FunctionKind } from "../functions";
import { HttpError } from "../http";
import type { SystemContext } from "./system-functions";
import { isSystemPath, runSystemQuery } from "./system-functions";

/** The identity `npx convex run --identity '{…}'` asks to act as (Convex fills in tokenIdentifier the same way). */
export function actingAsIdentity(encoded: string | undefined): UserIdentity | null {
  if (encoded === undefined || encoded === "") return null;
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(encoded, "base64").toString("utf8"));
  } catch {
    throw new HttpError(400, "BadAdminIdentity", "The acting-as identity is not base64 JSON.");
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new HttpError(400, "BadAdminIdentity", "The acting-as identity must be a JSON object.");
  }
  const fields = value as Record<string, unknown>;
  const subject = typeof fields.subject === "string" ? fields.subject : "";
  const issuer = typeof fields.issuer === "string" ? fields.issuer : "";
  return {
    ...fields,
    subject,
    issuer,
    tokenIdentifier:
      typeof fields.tokenIdentifier === "string" ? fields.tokenIdentifier : `${issuer}|${subject}`,
  };
}

export async function callAsAdmin(
  context: SystemContext,
  path: string,
  expected: FunctionKind | "any",
  args: JSONValue,
  identity: UserIdentity | null,
): Promise<Outcome> {
  const { engine, componentPath } = context;
  // `npx convex run --component <path>`: that component's function, public or internal; a system query (`data
  // --component`) in that component. Either way the path must name a mounted component.
  const resolved = resolveTarget(engine, componentPath, path, "admin");
  if (!resolved.ok) return resolved.outcome;
  if (isSystemPath(path)) {
    if (expected !== "any" && expected !== "query") return missingFunction(path);
    return await runSystemQuery(context, path, args as Record<string, JSONValue>);
  }
  return await callFunction(engine, resolved.target, expected, args, identity, "admin");
}
