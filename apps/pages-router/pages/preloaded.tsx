import { api } from "@repo/convex/api";
import { DEFAULT_LIST } from "@repo/convex/limits";
import { Explainer } from "@repo/ui/explainer";
import { TaskForm } from "@repo/ui/task-form";
import { PreloadedTaskList } from "@repo/ui/task-list";
import type { Preloaded } from "convex/react";
import { preloadedQueryResult, preloadQuery } from "convex/nextjs";
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
  const tasks = preloadedQueryResult(preloaded);
  const open = tasks.filter((task) => !task.done).length;
  const summary =
    tasks.length === 0
      ? "Server says: the list is empty."
      : `Server says: ${tasks.length} tasks, ${open} open.`;
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
      <section className="card" aria-labelledby="preloaded-heading">
        <h2 id="preloaded-heading">List “{DEFAULT_LIST}”</h2>
        <p className="muted" data-testid="server-summary">
          {summary}
        </p>
        <TaskForm list={DEFAULT_LIST} />
        <PreloadedTaskList preloaded={preloaded} />
      </section>
    </>
  );
}
