import { api } from "@repo/convex/api";
import { DEFAULT_LIST } from "@repo/convex/limits";
import type { Task } from "@repo/convex/types";
import { FetchedTasks } from "@repo/ui/demo-sections";
import { Explainer } from "@repo/ui/explainer";
import { fetchQuery } from "convex/nextjs";
import type { GetServerSideProps } from "next";

import { env } from "../env";

interface Props {
  tasks: Task[];
  fetchedAt: string;
}

export const getServerSideProps: GetServerSideProps<Props> = async () => {
  const tasks = await fetchQuery(api.tasks.list, { list: DEFAULT_LIST }, { url: env.convexUrl });
  return { props: { tasks, fetchedAt: new Date().toISOString() } };
};

export default function FetchQueryPage({ tasks, fetchedAt }: Props) {
  return (
    <>
      <h1>fetchQuery on the server</h1>
      <Explainer
        title="fetchQuery in getServerSideProps"
        fetched="On the server, once per request"
        reactive={false}
      >
        <p>Rendered from props; nothing subscribes. Reload to see changes.</p>
      </Explainer>
      <FetchedTasks tasks={tasks} fetchedAt={fetchedAt} />
    </>
  );
}
