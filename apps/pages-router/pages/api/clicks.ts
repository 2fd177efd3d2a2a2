// An API route calling Convex from the server: GET reads a counter, POST increments it.
// Bad input gets the same status and JSON error as the App Router's Route Handler (the contract lives in
// @repo/convex/clicks-request): 415 unless JSON, 413 over the size limit, 400 for bad JSON or fields. Nothing is
// written then, and never a 500.
import { api } from "@repo/convex/api";
import type { ClicksError } from "@repo/convex/clicks-request";
import {
  CLICKS_ALLOWED_METHODS,
  counterNameFromQuery,
  METHOD_NOT_ALLOWED,
  parseClicksRequest,
} from "@repo/convex/clicks-request";
import { fetchMutation, fetchQuery } from "convex/nextjs";
import { ConvexError } from "convex/values";
import type { NextApiRequest, NextApiResponse } from "next";

import { env } from "../../env";

// Next's body parser would accept form-urlencoded and text bodies and answer bad JSON or size with its own plain-text
// errors; the shared contract reads the raw body instead.
export const config = { api: { bodyParser: false } };

type Body = { counterName: string; value: number } | ClicksError;

export default async function handler(req: NextApiRequest, res: NextApiResponse<Body>) {
  try {
    if (req.method === "GET") {
      const name = counterNameFromQuery([req.query.counterName ?? []].flat());
      if (!name.ok) {
        res.status(name.status).json({ error: name.error });
        return;
      }
      const counterName = name.value;
      const value = await fetchQuery(api.counter.get, { counterName }, { url: env.convexUrl });
      res.status(200).json({ counterName, value });
      return;
    }
    if (req.method !== "POST") {
      res.setHeader("Allow", CLICKS_ALLOWED_METHODS);
      res.status(405).json(METHOD_NOT_ALLOWED);
      return;
    }
    const parsed = await parseClicksRequest({
      contentType: req.headers["content-type"],
      contentLength: req.headers["content-length"],
      body: req,
    });
    if (!parsed.ok) {
      res.status(parsed.status).json({ error: parsed.error });
      return;
    }
    const value = await fetchMutation(api.counter.increment, parsed.value, { url: env.convexUrl });
    res.status(200).json({ counterName: parsed.value.counterName, value });
  } catch (error) {
    if (error instanceof ConvexError && typeof error.data === "string") {
      res.status(400).json({ error: error.data });
      return;
    }
    throw error;
  }
}
