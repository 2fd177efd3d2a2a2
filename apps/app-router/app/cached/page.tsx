import { api } from "@repo/convex/api";
import { DEFAULT_LIST } from "@repo/convex/limits";
import { listCacheTag } from "@repo/convex/revalidation";
import type { Task } from "@repo/convex/types";
import { CachedTasks, CachedTradeOff } from "@repo/ui/cached-tasks";
import { CardSkeleton } from "@repo/ui/card-skeleton";
import { Explainer } from "@repo/ui/explainer";
import { fetchQuery } from "convex/nextjs";
import { cacheLife, cacheTag } from "next/cache";
import { Suspense } from "react";

import { env } from "../../env";

export default function CachedPage() {
  return (
    <>
      <h1>Cached, revalidated by Convex</h1>
      <Explainer
        title={'A "use cache" Server Component with cacheTag + cacheLife, dropped by revalidateTag'}
        fetched="On the server, once per cache entry (at build, then after each change); every request in between is served from the cache"
        reactive={false}
      >
        <CachedTradeOff />
      </Explainer>
      {/* Only shown when the entry is short-lived (Convex was unreachable when it was filled): then it is rendered per
          request, not part of the prerendered page. */}
      <Suspense fallback={<CardSkeleton label="Reading the cached list" />}>
        <CachedList />
      </Suspense>
    </>
  );
}

/** Public data only: a cache entry is shared by every visitor, so nothing here may depend on who asks. */
async function CachedList() {
  "use cache";
  cacheTag(listCacheTag(DEFAULT_LIST));
  let tasks: Task[] | null;
  try {
    tasks = await fetchQuery(api.tasks.list, { list: DEFAULT_LIST }, { url: env.convexUrl });
    // Convex's revalidation call is what keeps this fresh; the time limit only bounds how stale it can get if that
    // call is lost (an app that was down, a secret that does not match).
    cacheLife({ stale: 60, revalidate: 300, expire: 3600 });
  } catch (error) {
    // No backend to read (a `next build` with nothing running, an outage): keep this for seconds, not minutes.
    console.error("cached page: Convex could not be read", error);
    tasks = null;
    cacheLife("seconds");
  }
  return <CachedTasks tasks={tasks} renderedAt={new Date().toISOString()} />;
}
