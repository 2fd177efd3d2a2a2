import { api } from "@repo/convex/api";
import { DEFAULT_LIST } from "@repo/convex/limits";
import { FetchedTasks } from "@repo/ui/demo-sections";
import { Explainer } from "@repo/ui/explainer";
import { fetchQuery } from "convex/nextjs";

import { env } from "../../env";

export const dynamic = "force-dynamic";

export default async function FetchQueryPage() {
  const tasks = await fetchQuery(api.tasks.list, { list: DEFAULT_LIST }, { url: env.convexUrl });
  return (
    <>
      <h1>fetchQuery on the server</h1>
      <Explainer
        title="fetchQuery in a Server Component"
        fetched="On the server, once per request"
        reactive={false}
      >
        <p>
          Plain server-rendered HTML: no Convex client code on this page. Reload to see changes.
        </p>
      </Explainer>
      <FetchedTasks tasks={tasks} fetchedAt={new Date().toISOString()} />
    </>
  );
}
