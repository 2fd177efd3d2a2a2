// Browser side of the /api/clicks demo: POSTs an increment and surfaces the route's JSON error on failure.
export async function postClick(endpoint: string, counterName: string): Promise<number> {
  const response = await fetch(endpoint, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ counterName }),
  });
  const body = (await response.json()) as { value?: number; error?: string };
  if (!response.ok || typeof body.value !== "number")
    throw new Error(body.error ?? `HTTP ${response.status}`);
  return body.value;
}
