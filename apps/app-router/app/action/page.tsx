import { api } from "@repo/convex/api";
import { DEFAULT_LIST } from "@repo/convex/limits";
import { CardSkeleton } from "@repo/ui/card-skeleton";
import { SummaryCard } from "@repo/ui/demo-sections";
import { Explainer } from "@repo/ui/explainer";
import { fetchAction } from "convex/nextjs";
import { connection } from "next/server";
import { Suspense } from "react";

import { env } from "../../env";

export default function ActionPage() {
  return (
    <>
      <h1>fetchAction</h1>
      <Explainer
        title="fetchAction in a Server Component"
        fetched="On the server, by running a Convex action, streamed after the static shell"
        reactive={false}
      >
        <p>Actions are not reactive and not cached: this runs on every request.</p>
      </Explainer>
      <Suspense fallback={<CardSkeleton label="Streaming the summary from Convex" />}>
        <StreamedSummary />
      </Suspense>
    </>
  );
}

async function StreamedSummary() {
  await connection();
  // An action may call third-party APIs; here it reads the list through a query and summarizes it.
  const summary = await fetchAction(
    api.summaries.compute,
    { list: DEFAULT_LIST },
    { url: env.convexUrl },
  );
  return <SummaryCard summary={summary} />;
}
