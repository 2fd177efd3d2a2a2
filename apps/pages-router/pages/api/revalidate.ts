// Convex calls this when a public list changed (convex/convex/revalidation.ts): with the shared secret, it
// regenerates the ISR pages that show the list (res.revalidate), so the next request to /cached gets fresh data.
// Without the right secret it answers 401 and regenerates nothing; bad input gets a 4xx and regenerates nothing.
import type { RevalidateResult } from "@repo/convex/revalidation";
import {
  bearerToken,
  listPagePaths,
  parseRevalidateBody,
  readBodyText,
  REVALIDATE_ALLOWED_METHODS,
  REVALIDATE_METHOD_NOT_ALLOWED,
  secretMatches,
  UNAUTHORIZED,
} from "@repo/convex/revalidation";
import type { NextApiRequest, NextApiResponse } from "next";

import { env } from "../../env";

// The shared contract reads the raw body (size limit, JSON only), as /api/clicks does.
export const config = { api: { bodyParser: false } };

type Body = RevalidateResult | { error: string };

export default async function handler(req: NextApiRequest, res: NextApiResponse<Body>) {
  if (req.method !== "POST") {
    res.setHeader("Allow", REVALIDATE_ALLOWED_METHODS);
    res.status(405).json({ error: REVALIDATE_METHOD_NOT_ALLOWED.error });
    return;
  }
  // The secret first: an unauthenticated caller learns nothing about what the endpoint accepts.
  if (!(await secretMatches(bearerToken(req.headers.authorization), env.revalidateSecret))) {
    res.setHeader("WWW-Authenticate", "Bearer");
    res.status(401).json({ error: UNAUTHORIZED.error });
    return;
  }
  const parsed = parseRevalidateBody(req.headers["content-type"], await readBodyText(req));
  if (!parsed.ok) {
    res.status(parsed.refusal.status).json({ error: parsed.refusal.error });
    return;
  }
  const paths = listPagePaths(parsed.value.list);
  // Regenerated now (Next renders each page through its own server), not on the next visit. Twice: the first call
  // may join a regeneration that started before the write that caused this call committed (and so renders the list
  // without it); the second starts after the first returned, so after that write, and renders it.
  for (let pass = 0; pass < 2; pass += 1)
    await Promise.all(paths.map((path) => res.revalidate(path)));
  res.status(200).json({ revalidated: { tags: [], paths } });
}
