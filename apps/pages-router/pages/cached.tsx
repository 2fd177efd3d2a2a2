import { api } from "@repo/convex/api";
import { DEFAULT_LIST } from "@repo/convex/limits";
import type { Task } from "@repo/convex/types";
import { CachedTasks, CachedTradeOff } from "@repo/ui/cached-tasks";
import { Explainer } from "@repo/ui/explainer";
import { fetchQuery } from "convex/nextjs";
import type { GetStaticProps } from "next";

import { env } from "../env";

interface Props {
  tasks: Task[] | null;
  renderedAt: string;
}

/**
 * Static, regenerated in the background at most every 5 minutes (ISR), and at once when Convex calls
 * /api/revalidate (res.revalidate). Public data only: the page is the same for every visitor.
 */
export const getStaticProps: GetStaticProps<Props> = async () => {
  const renderedAt = new Date().toISOString();
  try {
    const tasks = await fetchQuery(api.tasks.list, { list: DEFAULT_LIST }, { url: env.convexUrl });
    return { props: { tasks, renderedAt }, revalidate: 300 };
  } catch (error) {
    // No backend to read (a `next build` with nothing running, an outage): retry on the next request after 1 s.
    console.error("cached page: Convex could not be read", error);
    return { props: { tasks: null, renderedAt }, revalidate: 1 };
  }
};

export default function CachedPage({ tasks, renderedAt }: Props) {
  return (
    <>
      <h1>Cached, revalidated by Convex</h1>
      <Explainer
        title="getStaticProps with revalidate (ISR), rebuilt on demand by res.revalidate()"
        fetched="On the server, once per regeneration (at build, then after each change); every request in between gets the stored HTML"
        reactive={false}
      >
        <CachedTradeOff />
      </Explainer>
      <CachedTasks tasks={tasks} renderedAt={renderedAt} />
    </>
  );
}
