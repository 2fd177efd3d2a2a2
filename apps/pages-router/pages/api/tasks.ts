// An API route writing as the signed-in user: POST adds a task to the public list with the caller's Convex token
// (getConvexToken(req)), so the task is theirs and counts against their rate limit. Same contract as the App Router's
// Route Handler (@repo/convex/task-request): 201 with the task, 415/413/400 for bad input, 429 + Retry-After over
// the limit, a JSON 405 for other methods. Never a 500 for the caller's input.
import { getConvexToken } from "@repo/auth/pages-server";
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
import type { NextApiRequest, NextApiResponse } from "next";

import { env } from "../../env";

// The shared contract reads the raw body (Next's parser would accept forms and answer bad JSON in plain text).
export const config = { api: { bodyParser: false } };

export default async function handler(
  req: NextApiRequest,
  res: NextApiResponse<TaskCreated | TaskError>,
) {
  if (req.method !== "POST") {
    res.setHeader("Allow", TASKS_ALLOWED_METHODS);
    res.status(405).json(TASKS_METHOD_NOT_ALLOWED);
    return;
  }
  const outcome = await addTask(req);
  if ("id" in outcome) {
    res.status(201).json(outcome);
    return;
  }
  if (outcome.retryAfter !== undefined) res.setHeader("Retry-After", String(outcome.retryAfter));
  res.status(outcome.status).json({ error: outcome.error });
}

async function addTask(req: NextApiRequest): Promise<TaskCreated | TaskRefusal> {
  const parsed = await parseTaskRequest({
    contentType: req.headers["content-type"],
    contentLength: req.headers["content-length"],
    body: req,
  });
  if (!parsed.ok) return parsed.refusal;
  const { text } = parsed.value;
  try {
    const token = await getConvexToken(req);
    const id = await fetchMutation(
      api.tasks.create,
      { text, list: DEFAULT_LIST },
      { url: env.convexUrl, ...(token === undefined ? {} : { token }) },
    );
    return { id, text };
  } catch (error) {
    const refusal = taskRefusal(error);
    if (refusal === null) throw error;
    return refusal;
  }
}
