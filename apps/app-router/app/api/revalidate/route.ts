// Convex calls this when a public list changed (convex/convex/revalidation.ts): with the shared secret, it drops
// the list's "use cache" entries by tag, so the next request to /cached renders fresh data. Without the right secret
// it answers 401 and drops nothing; bad input gets a 4xx and drops nothing.
import type { RevalidateRefusal, RevalidateResult } from "@repo/convex/revalidation";
import {
  bearerToken,
  listCacheTag,
  listPagePaths,
  parseRevalidateBody,
  readBodyText,
  REVALIDATE_ALLOWED_METHODS,
  REVALIDATE_METHOD_NOT_ALLOWED,
  secretMatches,
  UNAUTHORIZED,
} from "@repo/convex/revalidation";
import { revalidatePath, revalidateTag } from "next/cache";

import { env } from "../../../env";

const refuse = ({ status, error }: RevalidateRefusal, headers?: HeadersInit) =>
  Response.json({ error }, { status, headers });

export async function POST(request: Request) {
  // The secret first: an unauthenticated caller learns nothing about what the endpoint accepts.
  if (
    !(await secretMatches(bearerToken(request.headers.get("authorization")), env.revalidateSecret))
  )
    return refuse(UNAUTHORIZED, { "WWW-Authenticate": "Bearer" });
  const parsed = parseRevalidateBody(
    request.headers.get("content-type"),
    await readBodyText(request.body),
  );
  if (!parsed.ok) return refuse(parsed.refusal);
  const tag = listCacheTag(parsed.value.list);
  // Expired at once rather than served stale while it refreshes: the next visitor gets the write that caused this.
  revalidateTag(tag, { expire: 0 });
  // And the pages that show it: a page whose layout streams a per-request part (the header's auth state) is a
  // partially prerendered shell, and that shell, holding the cached list, is not refreshed by the data's tag alone
  // (measured: it kept its build-time list while the tag was dropped).
  const paths = listPagePaths(parsed.value.list);
  for (const path of paths) revalidatePath(path);
  return Response.json({ revalidated: { tags: [tag], paths } } satisfies RevalidateResult);
}

const methodNotAllowed = () =>
  refuse(REVALIDATE_METHOD_NOT_ALLOWED, { Allow: REVALIDATE_ALLOWED_METHODS });
export {
  methodNotAllowed as DELETE,
  methodNotAllowed as GET,
  methodNotAllowed as HEAD,
  methodNotAllowed as OPTIONS,
  methodNotAllowed as PATCH,
  methodNotAllowed as PUT,
};
