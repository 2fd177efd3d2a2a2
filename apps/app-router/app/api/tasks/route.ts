// A Route Handler writing as the signed-in user: POST adds a task to the public list with the caller's Convex token,
// so the task is theirs and counts against their rate limit. Same contract as the Pages Router's API route
// (@repo/convex/task-request): 201 with the task, 415/413/400 for bad input, 429 + Retry-After over the limit.
import { getConvexToken } from "@repo/auth/app-server";
import { api } from "@repo/convex/api";
import { DEFAULT_LIST } from "@repo/convex/limits";
import type { TaskCreated, TaskError, TaskRefusal } from "@repo/convex/task-request";
import {
  parseTaskRequest,
  taskRefusal,
  TASKS_ALLOWED_METHODS,
  TASKS_METHOD_NOT_ALLOWED,
} from "@repo/convex/task-request";
import { fetchMutation } from "convex/nextjs";

import { env } from "../../../env";

const refuse = ({ status, error, retryAfter }: TaskRefusal, headers: Record<string, string> = {}) =>
  Response.json({ error } satisfies TaskError, {
    status,
    headers: retryAfter === undefined ? headers : { ...headers, "Retry-After": String(retryAfter) },
  });

export async function POST(request: Request) {
  const parsed = await parseTaskRequest({
    contentType: request.headers.get("content-type"),
    contentLength: request.headers.get("content-length"),
    body: request.body,
  });
  if (!parsed.ok) return refuse(parsed.refusal);
  const { text } = parsed.value;
  try {
    const token = await getConvexToken();
    const id = await fetchMutation(
      api.tasks.create,
      { text, list: DEFAULT_LIST },
      { url: env.convexUrl, ...(token === undefined ? {} : { token }) },
    );
    return Response.json({ id, text } satisfies TaskCreated, { status: 201 });
  } catch (error) {
    const refusal = taskRefusal(error);
    if (refusal !== null) return refuse(refusal);
    throw error;
  }
}

// Next answers other methods with an empty 405 and OPTIONS with a 204 by itself; these give the JSON 405 the API
// route does.
const methodNotAllowed = () =>
  refuse({ status: 405, ...TASKS_METHOD_NOT_ALLOWED }, { Allow: TASKS_ALLOWED_METHODS });
export {
  methodNotAllowed as DELETE,
  methodNotAllowed as GET,
  methodNotAllowed as HEAD,
  methodNotAllowed as OPTIONS,
  methodNotAllowed as PATCH,
  methodNotAllowed as PUT,
};
