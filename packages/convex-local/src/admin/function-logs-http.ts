// GET /api/stream_function_logs?cursor=<ms>: what `npx convex logs` (and `convex dev`'s log tail) polls. Answers
// `{entries, newCursor}` at once when something is newer than the cursor, else long-polls (Convex waits 60 s).
import { requireAdmin } from "../admin-key";
import type { ApiHandler, Route } from "../http";
import { HttpError, requestUrl, send } from "../http";

/** How long a poll with nothing new waits before answering an empty page. */
export const LOG_POLL_MS = 30_000;

const streamFunctionLogs: ApiHandler = async (context, request, response) => {
  requireAdmin(request.headers.authorization, context.adminKey);
  const raw = requestUrl(request).searchParams.get("cursor") ?? "0";
  const cursor = Number(raw);
  if (raw.trim() === "" || !Number.isFinite(cursor) || cursor < 0) {
    throw new HttpError(
      400,
      "InvalidCursor",
      `"cursor" must be a non-negative number, not ${JSON.stringify(raw)}.`,
    );
  }
  const gone = new AbortController();
  response.on("close", () => gone.abort());
  const page = await context.engine.functionLog.poll(cursor, LOG_POLL_MS, gone.signal);
  if (page === null) {
    throw new HttpError(
      429,
      "TooManyLogStreams",
      "Too many log streams are waiting at once; try again shortly.",
    );
  }
  if (gone.signal.aborted) return;
  send(request, response, 200, page);
};

export const FUNCTION_LOG_ROUTES: readonly Route[] = [
  { method: "GET", path: "/api/stream_function_logs", handler: streamFunctionLogs },
];
