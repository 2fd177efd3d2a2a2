// POST /api/tasks refusals as one table both routers' tests run (apps/app-router and apps/pages-router): each is
// answered with this status and JSON error before Convex is called, and writes nothing.
import { TASK_TEXT_MAX } from "../shared/limits";
import { TASK_BODY_MAX_BYTES } from "../shared/taskRequest";

export interface TaskHttpCase {
  name: string;
  contentType: string;
  body: string;
  status: 400 | 413 | 415;
  error: string;
}

const JSON_TYPE = "application/json";

export const TASK_HTTP_CASES: TaskHttpCase[] = [
  {
    name: "text/plain (a cross-site form or fetch can send it)",
    contentType: "text/plain;charset=UTF-8",
    body: '{"text":"x"}',
    status: 415,
    error: "Content-Type must be application/json.",
  },
  {
    name: "form-urlencoded",
    contentType: "application/x-www-form-urlencoded",
    body: "text=x",
    status: 415,
    error: "Content-Type must be application/json.",
  },
  {
    name: "a megabyte of JSON",
    contentType: JSON_TYPE,
    body: JSON.stringify({ text: "x".repeat(1024 * 1024) }),
    status: 413,
    error: `Request body must be at most ${TASK_BODY_MAX_BYTES} bytes.`,
  },
  {
    name: "malformed JSON",
    contentType: JSON_TYPE,
    body: '{"text":',
    status: 400,
    error: "Request body must be valid JSON.",
  },
  {
    name: "an array",
    contentType: JSON_TYPE,
    body: '["x"]',
    status: 400,
    error: "Request body must be a JSON object.",
  },
  {
    name: "a number as text",
    contentType: JSON_TYPE,
    body: '{"text":1}',
    status: 400,
    error: "text must be a string.",
  },
  {
    name: "another list (the route writes only the public one)",
    contentType: JSON_TYPE,
    body: '{"text":"x","list":"other"}',
    status: 400,
    error: "Unknown field: list.",
  },
  {
    name: "blank text",
    contentType: JSON_TYPE,
    body: '{"text":"   "}',
    status: 400,
    error: "Task text must not be empty.",
  },
  {
    name: "text over the limit",
    contentType: JSON_TYPE,
    body: JSON.stringify({ text: "x".repeat(TASK_TEXT_MAX + 1) }),
    status: 400,
    error: `Task text must be at most ${TASK_TEXT_MAX} characters (got ${TASK_TEXT_MAX + 1}).`,
  },
];
