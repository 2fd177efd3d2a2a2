// A Route Handler calling Convex from the server: GET reads a counter, POST increments it.
// Bad input gets the same status and JSON error as the Pages Router's API route (the contract lives in
// @repo/convex/clicks-request): 415 unless JSON, 413 over the size limit, 400 for bad JSON or fields. Nothing is
// written then, and never a 500.
import { api } from "@repo/convex/api";
import type { ClicksError, ClicksStatus } from "@repo/convex/clicks-request";
import {
  CLICKS_ALLOWED_METHODS,
  counterNameFromQuery,
  METHOD_NOT_ALLOWED,
  parseClicksRequest,
} from "@repo/convex/clicks-request";
import { fetchMutation, fetchQuery } from "convex/nextjs";
import { ConvexError } from "convex/values";

import { env } from "../../../env";

const refuse = (status: ClicksStatus, error: string, headers?: HeadersInit) =>
  Response.json({ error } satisfies ClicksError, { status, headers });

export async function GET(request: Request) {
  const name = counterNameFromQuery(new URL(request.url).searchParams.getAll("counterName"));
  if (!name.ok) return refuse(name.status, name.error);
  const counterName = name.value;
  try {
    const value = await fetchQuery(api.counter.get, { counterName }, { url: env.convexUrl });
    return Response.json({ counterName, value });
  } catch (error) {
    if (error instanceof ConvexError && typeof error.data === "string")
      return refuse(400, error.data);
    throw error;
  }
}

export async function POST(request: Request) {
  const parsed = await parseClicksRequest({
    contentType: request.headers.get("content-type"),
    contentLength: request.headers.get("content-length"),
    body: request.body,
  });
  if (!parsed.ok) return refuse(parsed.status, parsed.error);
  try {
    const value = await fetchMutation(api.counter.increment, parsed.value, { url: env.convexUrl });
    return Response.json({ counterName: parsed.value.counterName, value });
  } catch (error) {
    if (error instanceof ConvexError && typeof error.data === "string")
      return refuse(400, error.data);
    throw error;
  }
}

// Next answers other methods with an empty 405, and HEAD (from GET) and OPTIONS (204) by itself; these give the
// same JSON 405 the API route does.
const methodNotAllowed = () =>
  refuse(405, METHOD_NOT_ALLOWED.error, { Allow: CLICKS_ALLOWED_METHODS });
export {
  methodNotAllowed as DELETE,
  methodNotAllowed as HEAD,
  methodNotAllowed as OPTIONS,
  methodNotAllowed as PATCH,
  methodNotAllowed as PUT,
};
