import { api } from "@repo/convex/api";
import { DEFAULT_LIST } from "@repo/convex/limits";
import { CardSkeleton } from "@repo/ui/card-skeleton";
import { StaticTaskList } from "@repo/ui/demo-sections";
import { Explainer } from "@repo/ui/explainer";
import { fetchQuery } from "convex/nextjs";
import { connection } from "next/server";
import { Suspense } from "react";

import { env } from "../../env";
import { AddTaskForm } from "./add-task-form";

export default function ServerActionPage() {
  return (
    <>
      <h1>Server Action</h1>
      <Explainer
        title="fetchMutation in a Server Action, then revalidatePath"
        fetched="On the server (fetchQuery, streamed after the static shell); the action re-renders the page after writing"
        reactive={false}
      >
        <p>
          The form works without client-side Convex code: the action calls Convex from the server
          and Next re-renders this page with fresh data. Bad input comes back as a message, and
          nothing is written.
        </p>
      </Explainer>
      <Suspense fallback={<CardSkeleton label="Streaming the list from Convex" />}>
        <StreamedList />
      </Suspense>
    </>
  );
}

async function StreamedList() {
  await connection();
  const tasks = await fetchQuery(api.tasks.list, { list: DEFAULT_LIST }, { url: env.convexUrl });
  return (
    <section className="card" aria-labelledby="action-heading">
      <h2 id="action-heading">
        List “{DEFAULT_LIST}” ({tasks.length})
      </h2>
      <AddTaskForm />
      <StaticTaskList tasks={tasks} />
    </section>
  );
}
