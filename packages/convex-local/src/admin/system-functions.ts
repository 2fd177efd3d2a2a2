// Convex's system functions (`_system/...`) that the CLI and dashboard query with the admin key, over the
// WebSocket (runSystemQuery) or POST /api/function. Each concern lists its own in a file under src/admin/; this
// table joins them. A system function is admin-only: without the key it does not exist.
import type { JSONValue } from "convex/values";

import type { DeploymentEnv } from "../deployment-env";
import type { Engine, Outcome } from "../engine";
import { HttpError } from "../http";
import { PUSH_SYSTEM_QUERIES } from "../push/system-queries";
import { URL_SYSTEM_QUERIES } from "./canonical-urls";
import { DATA_SYSTEM_QUERIES } from "./data";
import { ENV_SYSTEM_QUERIES } from "./env";
import { SNAPSHOT_SYSTEM_QUERIES } from "./snapshot-queries";

/** What a system function may use. */
export interface SystemContext {
  engine: Engine;
  deploymentEnv: DeploymentEnv;
  /** The component the call targets (`npx convex data --component`); "" for the app. */
  componentPath: string;
}

export type SystemQuery = (
  context: SystemContext,
  args: Record<string, JSONValue>,
) => JSONValue | Promise<JSONValue>;

const SYSTEM_QUERIES: Readonly<Record<string, SystemQuery>> = {
  ...ENV_SYSTEM_QUERIES,
  ...DATA_SYSTEM_QUERIES,
  ...URL_SYSTEM_QUERIES,
  ...PUSH_SYSTEM_QUERIES,
  ...SNAPSHOT_SYSTEM_QUERIES,
};

/** `_system/cli/tables` → `_system/cli/tables:default` (a module path names its default export). */
export function systemPath(udfPath: string): string {
  const path = udfPath.replace(/\.js(?=:|$)/, "");
  return path.includes(":") ? path : `${path}:default`;
}

export const isSystemPath = (udfPath: string): boolean => udfPath.startsWith("_system/");

/** Runs a system query; a bad argument is the call's error, as a function's would be. */
export async function runSystemQuery(
  context: SystemContext,
  udfPath: string,
  args: Record<string, JSONValue>,
): Promise<Outcome> {
  const query = SYSTEM_QUERIES[systemPath(udfPath)];
  if (query === undefined) {
    return {
      ok: false,
      errorMessage: `Could not find system function '${udfPath}' (convex-local does not implement it; see its README).`,
      logLines: [],
    };
  }
  try {
    return { ok: true, value: await query(context, args), logLines: [] };
  } catch (error) {
    if (error instanceof HttpError) return { ok: false, errorMessage: error.message, logLines: [] };
    throw error;
  }
}
