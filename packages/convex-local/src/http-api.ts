// Convex's HTTP API, as ConvexHttpClient and convex/nextjs (fetchQuery, preloadQuery, fetchMutation,
// fetchAction) call it: POST /api/{query,mutation,action,function,query_ts,query_at_ts}, and
// POST /api/run/<dir>/<file>/<function> (the function named by the URL: https://docs.convex.dev/http-api).
import type { JSONValue } from "convex/values";

import { isAdminAuthorization, requireAdmin } from "./admin-key";
import { actingAsIdentity, callAsAdmin } from "./admin/calls";
import { callPublic } from "./calls";
import type { Outcome } from "./engine";
import type { FunctionKind } from "./functions";
import type { ApiHandler, Route } from "./http";
import { HttpError, readBody, send } from "./http";
import { identityFromHeader } from "./identity";
import { PROTOCOL_LIMITS } from "./sync-protocol";
import { encodeTs } from "./timestamp";
import { argsProblem } from "./value-decoder";

/** The status Convex uses for a function that threw. */
const FUNCTION_ERROR_STATUS = 560;

interface FunctionRequest {
  path: string;
  args: JSONValue;
  /** The component the call targets (admin calls only); "" for the app. */
  componentPath: string;
}

/**
 * `/api/run/messages/list` names `messages:list`: the last segment is the export, the others its module. A
 * segment that is empty (`/api/run/messages//list`, a trailing slash) names nothing.
 */
function runPath(identifier: string | undefined): string {
  const segments = (identifier ?? "").split("/");
  const name = segments.pop();
  if (name === undefined || segments.length === 0 || [...segments, name].includes(""))
    throw new HttpError(
      404,
      "NotFound",
      "POST /api/run/<module path>/<function> names a function (e.g. /api/run/messages/list).",
    );
  return `${segments.join("/")}:${name}`;
}

function parseRequest(
  raw: Buffer,
  argsShape: "array" | "object",
  pathFromUrl?: string,
): FunctionRequest {
  let body: unknown;
  try {
    body = JSON.parse(raw.toString("utf8"));
  } catch {
    throw new HttpError(400, "BadJsonBody", "Request body is not valid JSON.");
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new HttpError(400, "BadJsonBody", "Request body must be a JSON object.");
  }
  const fields = body as {
    path?: unknown;
    args?: unknown;
    format?: unknown;
    componentPath?: unknown;
  };
  const { args, format, componentPath } = fields;
  const path = pathFromUrl ?? fields.path;
  if (componentPath !== undefined && componentPath !== null && typeof componentPath !== "string")
    throw new HttpError(400, "BadJsonBody", '"componentPath" must be a string.');
  // The sync protocol's bound: no mounted component's path comes near it.
  if (typeof componentPath === "string" && componentPath.length > PROTOCOL_LIMITS.udfPathLength)
    throw new HttpError(
      400,
      "BadJsonBody",
      `"componentPath" is longer than ${PROTOCOL_LIMITS.udfPathLength} characters.`,
    );
  if (typeof path !== "string" || path === "") {
    throw new HttpError(
      400,
      "BadJsonBody",
      'Request body needs a string "path" (e.g. "tasks:list").',
    );
  }
  if (format !== undefined && format !== "convex_encoded_json" && format !== "json") {
    throw new HttpError(400, "BadJsonBody", `Unsupported format ${JSON.stringify(format)}.`);
  }
  // Both shapes everywhere: the client library sends a one-element array, Convex's HTTP API docs an object.
  const value = Array.isArray(args) && args.length === 1 ? (args[0] as unknown) : args;
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new HttpError(
      400,
      "BadJsonBody",
      argsShape === "array"
        ? '"args" must be an object (or a one-element array holding one).'
        : '"args" must be an object.',
    );
  }
  const problem = argsProblem(value);
  if (problem !== null) throw new HttpError(400, problem.code, problem.message);
  return { path, args: value as JSONValue, componentPath: componentPath ?? "" };
}

function outcomeBody(outcome: Outcome): { status: number; body: Record<string, unknown> } {
  if (outcome.ok)
    return {
      status: 200,
      body: { status: "success", value: outcome.value, logLines: outcome.logLines },
    };
  return {
    status: FUNCTION_ERROR_STATUS,
    body: {
      status: "error",
      errorMessage: outcome.errorMessage,
      ...(outcome.errorData === undefined ? {} : { errorData: outcome.errorData }),
      logLines: outcome.logLines,
    },
  };
}

/** Runs a public function of `kind` ("any": whichever it is) with the body's path and args. */
const callFunction =
  (kind: FunctionKind | "any", argsShape: "array" | "object", pathInUrl = false): ApiHandler =>
  async (context, request, response, params) => {
    const pathFromUrl = pathInUrl ? runPath(params["*"]) : undefined;
    const parsed = parseRequest(await readBody(request), argsShape, pathFromUrl);
    const header = request.headers.authorization;
    let outcome: Outcome;
    if (isAdminAuthorization(header)) {
      // The admin key (the CLI's `run`): internal and system functions too, as nobody or as --identity.
      const { actingAs } = requireAdmin(header, context.adminKey);
      const identity = actingAsIdentity(actingAs);
      outcome = await callAsAdmin(
        { ...context, componentPath: parsed.componentPath },
        parsed.path,
        kind,
        parsed.args,
        identity,
      );
    } else {
      const identity = await identityFromHeader(header, context.verifier);
      // A component is reachable only through the app's functions (or with the admin key), as on Convex.
      outcome = await callPublic(
        context.engine,
        parsed.componentPath,
        parsed.path,
        kind,
        parsed.args,
        identity,
      );
    }
    const { status, body } = outcomeBody(outcome);
    send(request, response, status, body);
  };

export const FUNCTION_ROUTES: readonly Route[] = [
  { method: "POST", path: "/api/query", handler: callFunction("query", "array") },
  // Served at the latest timestamp: this backend keeps no history (see README).
  { method: "POST", path: "/api/query_at_ts", handler: callFunction("query", "array") },
  { method: "POST", path: "/api/mutation", handler: callFunction("mutation", "array") },
  { method: "POST", path: "/api/action", handler: callFunction("action", "array") },
  { method: "POST", path: "/api/function", handler: callFunction("any", "object") },
  { method: "POST", path: "/api/run/*", handler: callFunction("any", "object", true) },
  {
    method: "POST",
    path: "/api/query_ts",
    handler: (context, request, response) =>
      send(request, response, 200, { ts: encodeTs(context.engine.ts) }),
  },
];

export const INSTANCE_ROUTES: readonly Route[] = [
  {
    method: "GET",
    path: "/instance_name",
    handler: (context, request, response) => send(request, response, 200, context.instanceName),
  },
  {
    method: "GET",
    path: "/version",
    handler: (_context, request, response) => send(request, response, 200, "convex-local"),
  },
];
