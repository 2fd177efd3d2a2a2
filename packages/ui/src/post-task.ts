// Browser side of POST /api/tasks: sends the text as JSON (the only content type the route accepts) and hands back
// the created task, or the route's JSON error ("try again in N s" over the rate limit), or the HTTP status when
// something in between answered without JSON.
import type { TaskCreated } from "@repo/convex/task-request";

export async function postTask(endpoint: string, text: string): Promise<TaskCreated> {
  const response = await fetch(endpoint, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ text }),
  });
  const body = (await response.json().catch(() => ({}))) as Partial<Record<string, unknown>>;
  if (response.ok && typeof body.id === "string" && typeof body.text === "string")
    return { id: body.id, text: body.text };
  throw new Error(typeof body.error === "string" ? body.error : `HTTP ${response.status}`);
}
