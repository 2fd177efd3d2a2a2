import { api } from "@repo/convex/api";
import { DEFAULT_LIST } from "@repo/convex/limits";
import { PreloadedTasks, serverSummary } from "@repo/ui/demo-sections";
import { Explainer } from "@repo/ui/explainer";
import { preloadedQueryResult, preloadQuery } from "convex/nextjs";

import { env } from "../../env";

export const dynamic = "force-dynamic";

export default async function PreloadedPage() {
  const preloaded = await preloadQuery(
    api.tasks.list,
    { list: DEFAULT_LIST },
    { url: env.convexUrl },
  );
  // The server can read the preloaded result to decide what to render before any JavaScript runs.
  const tasks = preloadedQueryResult(preloaded);
  return (
    <>
      <h1>Preloaded, then live</h1>
      <Explainer
        title="preloadQuery in a Server Component → usePreloadedQuery in a Client Component"
        fetched="On the server, in the Server Component, before the HTML is sent"
        reactive
      >
        <p>
          The list is in the first HTML response (no loading state). After hydration the Client
          Component subscribes with the same query and stays live.
        </p>
      </Explainer>
      <PreloadedTasks preloaded={preloaded} summary={serverSummary(tasks)} />
    </>
  );
}
