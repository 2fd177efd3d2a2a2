// The push routes the CLI calls (lib/deploy2.ts, lib/config.ts pullConfig), one row each.
import { adminOnly } from "../admin-key";
import type { ApiHandler, Route } from "../http";
import { HttpError, readBody, send } from "../http";
import {
  finishPushRequest,
  readPushBody,
  startPushRequest,
  waitForSchemaRequest,
} from "./protocol";
import type { PushService } from "./service";

/** The push service of the server a request came to (set by server.ts). */
function pushOf(context: { push?: PushService }): PushService {
  if (context.push === undefined)
    throw new HttpError(404, "NotFound", "This server does not accept pushes.");
  return context.push;
}

const configHashes: ApiHandler = async (context, request, response) => {
  // The body ({version, adminKey}) carries nothing this server needs; read so the connection is reusable.
  await readBody(request);
  send(request, response, 200, pushOf(context).configHashes());
};

const startPush: ApiHandler = async (context, request, response) => {
  const body = await readPushBody(request, startPushRequest);
  const push = pushOf(context);
  send(request, response, 200, push.startPushResponse(await push.stage(body, true)));
};

const evaluatePush: ApiHandler = async (context, request, response) => {
  const body = await readPushBody(request, startPushRequest);
  const push = pushOf(context);
  send(request, response, 200, { schemaChange: push.schemaChange(await push.stage(body, false)) });
};

const evaluateSchema: ApiHandler = async (context, request, response) => {
  const body = await readPushBody(request, startPushRequest);
  const push = pushOf(context);
  send(request, response, 200, push.evaluateSchema(await push.stage(body, false)));
};

const waitForSchema: ApiHandler = async (context, request, response) => {
  const body = await readPushBody(request, waitForSchemaRequest);
  send(request, response, 200, pushOf(context).waitForSchema(body.schemaChange.schemaIds));
};

const finishPush: ApiHandler = async (context, request, response) => {
  const body = await readPushBody(request, finishPushRequest);
  const diff = await pushOf(context).finishPush(body.startPush.schemaChange.schemaIds, body.dryRun);
  send(request, response, 200, diff);
};

const reportPushCompleted: ApiHandler = async (_context, request, response) => {
  // The CLI reports its trace spans; there is nothing to keep them for.
  await readBody(request);
  send(request, response, 200, {});
};

export const PUSH_ROUTES: readonly Route[] = [
  { method: "POST", path: "/api/get_config_hashes", handler: adminOnly(configHashes) },
  { method: "POST", path: "/api/deploy2/start_push", handler: adminOnly(startPush) },
  { method: "POST", path: "/api/deploy2/evaluate_push", handler: adminOnly(evaluatePush) },
  { method: "POST", path: "/api/deploy2/evaluate_schema", handler: adminOnly(evaluateSchema) },
  { method: "POST", path: "/api/deploy2/wait_for_schema", handler: adminOnly(waitForSchema) },
  { method: "POST", path: "/api/deploy2/finish_push", handler: adminOnly(finishPush) },
  {
    method: "POST",
    path: "/api/deploy2/report_push_completed",
    handler: adminOnly(reportPushCompleted),
  },
];
