// An API route calling Convex from the server: GET reads a counter, POST increments it.
// Bad input is a 400 with a JSON error (never a 500), and nothing is written.
import { api } from "@repo/convex/api";
import { parseClicksBody } from "@repo/ui/clicks-request";
import { fetchMutation, fetchQuery } from "convex/nextjs";
import { ConvexError } from "convex/values";
import type { NextApiRequest, NextApiResponse } from "next";

import { env } from "../../env";

type Body = { counterName: string; value: number } | { error: string };

export default async function handler(req: NextApiRequest, res: NextApiResponse<Body>) {
  try {
    if (req.method === "GET") {
      const counterName =
        typeof req.query.counterName === "string" ? req.query.counterName : "clicks";
      const value = await fetchQuery(api.counter.get, { counterName }, { url: env.convexUrl });
      res.status(200).json({ counterName, value });
      return;
    }
    if (req.method !== "POST") {
      res.setHeader("Allow", "GET, POST");
      res.status(405).json({ error: "Use GET or POST." });
      return;
    }
    // Next parses JSON bodies itself and answers malformed JSON with its own 400 before this runs.
    const parsed = parseClicksBody(req.body);
    if (!parsed.ok) {
      res.status(400).json({ error: parsed.error });
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
