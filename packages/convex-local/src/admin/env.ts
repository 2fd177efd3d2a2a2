// The deployment's environment variables, as `npx convex env set/get/list/remove` reach them: changes through
// POST /api/update_environment_variables, reads through the _system/cli/queryEnvironmentVariables queries.
import { requireAdmin } from "../admin-key";
import type { EnvVarChange } from "../deployment-env";
import type { Route } from "../http";
import { HttpError, readBody, send } from "../http";
import { stringArg } from "./args";
import type { SystemQuery } from "./system-functions";

/** 100 variables of 8 KiB each, with room for the JSON around them. */
const MAX_UPDATE_BYTES = 1024 * 1024;

function parseChanges(raw: Buffer): EnvVarChange[] {
  let body: unknown;
  try {
    body = JSON.parse(raw.toString("utf8"));
  } catch {
    throw new HttpError(400, "BadJsonBody", "Request body is not valid JSON.");
  }
  const changes = (body as { changes?: unknown } | null)?.changes;
  if (!Array.isArray(changes))
    throw new HttpError(
      400,
      "BadJsonBody",
      'Request body must be { "changes": [{ name, value }] }.',
    );
  return changes.map((change: unknown, index) => {
    const { name, value } = (change ?? {}) as { name?: unknown; value?: unknown };
    if (typeof name !== "string" || (value !== null && typeof value !== "string")) {
      throw new HttpError(
        400,
        "BadJsonBody",
        `changes[${index}] must be { "name": string, "value": string | null }.`,
      );
    }
    return { name, value };
  });
}

export const ENV_ROUTES: readonly Route[] = [
  {
    method: "POST",
    path: "/api/update_environment_variables",
    handler: async (context, request, response) => {
      requireAdmin(request.headers.authorization, context.adminKey);
      context.deploymentEnv.update(parseChanges(await readBody(request, MAX_UPDATE_BYTES)));
      send(request, response, 200, {});
    },
  },
];

const list: SystemQuery = ({ deploymentEnv }) => deploymentEnv.list();
const get: SystemQuery = ({ deploymentEnv }, args) => {
  const name = stringArg(args, "name");
  const value = deploymentEnv.get(name);
  return value === null ? null : { name, value };
};

export const ENV_SYSTEM_QUERIES: Readonly<Record<string, SystemQuery>> = {
  "_system/cli/queryEnvironmentVariables:default": list,
  "_system/cli/queryEnvironmentVariables:get": get,
};
