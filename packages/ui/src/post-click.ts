// Browser side of the /api/clicks demo: POSTs an increment as JSON (the only content type the route accepts) and
// surfaces the route's JSON error on failure, or the HTTP status when something in between answered without JSON.
export async function postClick(endpoint: string, counterName: string): Promise<number> {
  const response = await fetch(endpoint, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ counterName }),
  });
  const body = (await response.json().catch(() => ({}))) as { value?: unknown; error?: unknown };
  if (response.ok && typeof body.value === "number") return body.value;
  throw new Error(typeof body.error === "string" ? body.error : `HTTP ${response.status}`);
}
