import { api } from "@repo/convex/api";
import { DEFAULT_LIST } from "@repo/convex/limits";
import { CardSkeleton } from "@repo/ui/card-skeleton";
import { FetchedTasks } from "@repo/ui/demo-sections";
import { Explainer } from "@repo/ui/explainer";
import { fetchQuery } from "convex/nextjs";
import { connection } from "next/server";
import { Suspense } from "react";

import { env } from "../../env";

export default function FetchQueryPage() {
  return (
    <>
      <h1>fetchQuery on the server</h1>
      <Explainer
        title="fetchQuery in a Server Component"
        fetched="On the server, once per request, streamed after the static shell"
        reactive={false}
      >
        <p>
          Plain server-rendered HTML: no Convex client code on this page. Reload to see changes.
        </p>
      </Explainer>
      <Suspense fallback={<CardSkeleton label="Streaming the list from Convex" />}>
        <StreamedTasks />
      </Suspense>
    </>
  );
}

async function StreamedTasks() {
  // Per request (and so is the timestamp, which cacheComponents refuses to prerender).
  await connection();
  const tasks = await fetchQuery(api.tasks.list, { list: DEFAULT_LIST }, { url: env.convexUrl });
  return <FetchedTasks tasks={tasks} fetchedAt={new Date().toISOString()} />;
}
