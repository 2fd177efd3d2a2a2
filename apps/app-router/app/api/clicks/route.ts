// A Route Handler calling Convex from the server: GET reads a counter, POST increments it.
// Bad input is a 400 with a JSON error (never a 500), and nothing is written.
import { api } from "@repo/convex/api";
import { fetchMutation, fetchQuery } from "convex/nextjs";
import { ConvexError } from "convex/values";

import { env } from "../../../env";
import { parseClicksBody } from "@repo/ui/clicks-request";

const badRequest = (error: string) => Response.json({ error }, { status: 400 });

export async function GET(request: Request) {
  const counterName = new URL(request.url).searchParams.get("counterName") ?? "clicks";
  try {
    const value = await fetchQuery(api.counter.get, { counterName }, { url: env.convexUrl });
    return Response.json({ counterName, value });
  } catch (error) {
    if (error instanceof ConvexError && typeof error.data === "string")
      return badRequest(error.data);
    throw error;
  }
}

export async function POST(request: Request) {
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    return badRequest("Request body must be valid JSON.");
  }
  const parsed = parseClicksBody(body);
  if (!parsed.ok) return badRequest(parsed.error);
  try {
    const value = await fetchMutation(api.counter.increment, parsed.value, { url: env.convexUrl });
    return Response.json({ counterName: parsed.value.counterName, value });
  } catch (error) {
    if (error instanceof ConvexError && typeof error.data === "string")
      return badRequest(error.data);
    throw error;
  }
}
