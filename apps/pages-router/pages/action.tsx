import { api } from "@repo/convex/api";
import { DEFAULT_LIST } from "@repo/convex/limits";
import { SummaryCard } from "@repo/ui/demo-sections";
import { Explainer } from "@repo/ui/explainer";
import { fetchAction } from "convex/nextjs";
import type { FunctionReturnType } from "convex/server";
import type { GetServerSideProps } from "next";

import { env } from "../env";

interface Props {
  summary: FunctionReturnType<typeof api.summaries.compute>;
}

export const getServerSideProps: GetServerSideProps<Props> = async () => ({
  props: {
    summary: await fetchAction(
      api.summaries.compute,
      { list: DEFAULT_LIST },
      { url: env.convexUrl },
    ),
  },
});

export default function ActionPage({ summary }: Props) {
  return (
    <>
      <h1>fetchAction</h1>
      <Explainer
        title="fetchAction in getServerSideProps"
        fetched="On the server, by running a Convex action"
        reactive={false}
      >
        <p>Actions are not reactive and not cached: this runs on every request.</p>
      </Explainer>
      <SummaryCard summary={summary} />
    </>
  );
}
