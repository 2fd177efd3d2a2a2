import { api } from "@repo/convex/api";
import { DEFAULT_LIST } from "@repo/convex/limits";
import { CardSkeleton } from "@repo/ui/card-skeleton";
import { PreloadedTasks, serverSummary } from "@repo/ui/demo-sections";
import { Explainer } from "@repo/ui/explainer";
import { preloadedQueryResult, preloadQuery } from "convex/nextjs";
import { connection } from "next/server";
import { Suspense } from "react";

import { env } from "../../env";

// The heading and explainer are the prerendered shell, sent at once; the list streams into the same response.
export default function PreloadedPage() {
  return (
    <>
      <h1>Preloaded, then live</h1>
      <Explainer
        title="preloadQuery in a Server Component → usePreloadedQuery in a Client Component"
        fetched="On the server, per request, streamed into the first HTML response after the static shell"
        reactive
      >
        <p>
          The page&apos;s shell (header, this box) is prerendered at build time and sent at once;
          the list follows in the same response as soon as Convex answers, so no JavaScript is
          needed to see it. After hydration the Client Component subscribes with the same query and
          stays live.
        </p>
      </Explainer>
      <Suspense fallback={<CardSkeleton label="Streaming the list from Convex" />}>
        <StreamedTasks />
      </Suspense>
    </>
  );
}

async function StreamedTasks() {
  // Per request, never in the prerendered shell: the list must be current and live from here on.
  await connection();
  const preloaded = await preloadQuery(
    api.tasks.list,
    { list: DEFAULT_LIST },
    { url: env.convexUrl },
  );
  // The server can read the preloaded result to decide what to render before any JavaScript runs.
  const tasks = preloadedQueryResult(preloaded);
  return <PreloadedTasks preloaded={preloaded} summary={serverSummary(tasks)} />;
}
