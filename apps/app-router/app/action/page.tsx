import { api } from "@repo/convex/api";
import { DEFAULT_LIST } from "@repo/convex/limits";
import { SummaryCard } from "@repo/ui/demo-sections";
import { Explainer } from "@repo/ui/explainer";
import { fetchAction } from "convex/nextjs";

import { env } from "../../env";

export const dynamic = "force-dynamic";

export default async function ActionPage() {
  // An action may call third-party APIs; here it reads the list through a query and summarizes it.
  const summary = await fetchAction(
    api.summaries.compute,
    { list: DEFAULT_LIST },
    { url: env.convexUrl },
  );
  return (
    <>
      <h1>fetchAction</h1>
      <Explainer
        title="fetchAction in a Server Component"
        fetched="On the server, by running a Convex action"
        reactive={false}
      >
        <p>Actions are not reactive and not cached: this runs on every request.</p>
      </Explainer>
      <SummaryCard summary={summary} />
    </>
  );
}
