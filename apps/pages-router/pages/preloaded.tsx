import { api } from "@repo/convex/api";
import { DEFAULT_LIST } from "@repo/convex/limits";
import { PreloadedTasks, serverSummary } from "@repo/ui/demo-sections";
import { Explainer } from "@repo/ui/explainer";
import { preloadedQueryResult, preloadQuery } from "convex/nextjs";
import type { Preloaded } from "convex/react";
import type { GetServerSideProps } from "next";

import { env } from "../env";

interface Props {
  preloaded: Preloaded<typeof api.tasks.list>;
  summary: string;
}

export const getServerSideProps: GetServerSideProps<Props> = async () => {
  const preloaded = await preloadQuery(
    api.tasks.list,
    { list: DEFAULT_LIST },
    { url: env.convexUrl },
  );
  // The server can read the preloaded result to decide what to render before any JavaScript runs.
  const summary = serverSummary(preloadedQueryResult(preloaded));
  return { props: { preloaded, summary } };
};

export default function PreloadedPage({ preloaded, summary }: Props) {
  return (
    <>
      <h1>Preloaded, then live</h1>
      <Explainer
        title="preloadQuery in getServerSideProps → usePreloadedQuery"
        fetched="On the server, in getServerSideProps, passed to the page as props"
        reactive
      >
        <p>
          The list is in the first HTML response (no loading state) and its data travels in{" "}
          <code>__NEXT_DATA__</code>. After hydration the page subscribes with the same query and
          stays live.
        </p>
      </Explainer>
      <PreloadedTasks preloaded={preloaded} summary={summary} />
    </>
  );
}
