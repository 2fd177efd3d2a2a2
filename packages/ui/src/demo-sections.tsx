// Page sections both apps render identically, so each app's page file holds only what its router does differently.
import type { api } from "@repo/convex/api";
import { DEFAULT_LIST } from "@repo/convex/limits";
import type { Task } from "@repo/convex/types";
import type { Preloaded } from "convex/react";
import type { FunctionReturnType } from "convex/server";
import Link from "next/link";

import { AuthGate } from "./auth-controls";
import { Counter } from "./counter";
import { Explainer } from "./explainer";
import { PaginatedTasks } from "./paginated-tasks";
import { TaskForm } from "./task-form";
import { MyTasks, PreloadedMyTasks, PreloadedTaskList, TaskList } from "./task-list";

/** The home page: everything subscribed from the browser. */
export function LiveDemo() {
  return (
    <>
      <h1>Live tasks</h1>
      <Explainer
        title="Client-side subscription"
        fetched="In the browser, after hydration (useQuery)"
        reactive
      >
        <p>
          Nothing here is rendered on the server: the list shows a loading state, then updates live
          for every change, from any tab or either app. Adds and toggles are optimistic.
        </p>
      </Explainer>
      <div className="grid">
        <section className="card" aria-labelledby="list-heading">
          <h2 id="list-heading">List “{DEFAULT_LIST}”</h2>
          <TaskForm list={DEFAULT_LIST} />
          <TaskList list={DEFAULT_LIST} />
        </section>
        <section className="card" aria-labelledby="pages-heading">
          <h2 id="pages-heading">Newest first, paginated</h2>
          <PaginatedTasks list={DEFAULT_LIST} />
        </section>
        <section className="card" aria-labelledby="counter-heading">
          <h2 id="counter-heading">Counter (mutation from the browser)</h2>
          <Counter name="home" />
        </section>
      </div>
    </>
  );
}

/** The /private page: gated on the client by Convex's auth state. */
export function PrivateDemo() {
  return (
    <>
      <h1>Private tasks</h1>
      <Explainer
        title="Client-side auth gate"
        fetched="In the browser, once Convex accepted your token"
        reactive
      >
        <p>
          The middleware keeps signed-out visitors out; inside, Convex&apos;s{" "}
          <code>&lt;Authenticated&gt;</code> renders the list only once Convex has validated the
          token from the auth provider.
        </p>
      </Explainer>
      <AuthGate>
        <section className="card" aria-labelledby="private-heading">
          <h2 id="private-heading">Only you can see these</h2>
          <TaskForm label="New private task" />
          <MyTasks />
        </section>
      </AuthGate>
    </>
  );
}

/** A server-rendered, non-reactive task list (plain markup: no Convex client needed). */
export function StaticTaskList({ tasks }: { tasks: Task[] }) {
  if (tasks.length === 0) return <p className="muted">No tasks yet.</p>;
  return (
    <ul className="tasks" aria-label="Tasks">
      {tasks.map((task) => (
        <li key={task._id} className={task.done ? "task done" : "task"}>
          <span>{task.text}</span>
        </li>
      ))}
    </ul>
  );
}

/** What `summaries.compute` returned, rendered on the server (fetchAction). */
export function SummaryCard({
  summary,
}: {
  summary: FunctionReturnType<typeof api.summaries.compute>;
}) {
  return (
    <section className="card" aria-labelledby="summary-heading">
      <h2 id="summary-heading">Summary of “{DEFAULT_LIST}”</h2>
      <p data-testid="summary">{summary.text}</p>
      <p className="muted">
        {summary.total} tasks, {summary.done} done.
      </p>
    </section>
  );
}

/** The signed-in user's private tasks, preloaded on the server with their token and live after hydration. */
export function ServerAuthTasks({
  name,
  preloaded,
}: {
  name: string | null;
  preloaded: Preloaded<typeof api.tasks.mine>;
}) {
  return (
    <section className="card" aria-labelledby="mine-heading">
      <h2 id="mine-heading">
        Private tasks of <span data-testid="server-user">{name ?? "a new user"}</span>
      </h2>
      <TaskForm label="New private task" />
      <PreloadedMyTasks preloaded={preloaded} />
    </section>
  );
}

/** What the server can tell from a preloaded result before any JavaScript runs (preloadedQueryResult). */
export function serverSummary(tasks: Task[]): string {
  if (tasks.length === 0) return "Server says: the list is empty.";
  const open = tasks.filter((task) => !task.done).length;
  return `Server says: ${tasks.length} tasks, ${open} open.`;
}

/** A one-shot server read of the demo list (fetchQuery), stamped with when it was fetched. */
export function FetchedTasks({ tasks, fetchedAt }: { tasks: Task[]; fetchedAt: string }) {
  return (
    <section className="card" aria-labelledby="fetched-heading">
      <h2 id="fetched-heading">
        List “{DEFAULT_LIST}” at {fetchedAt}
      </h2>
      <StaticTaskList tasks={tasks} />
    </section>
  );
}

/** Both apps' 404 page. */
export function NotFoundCard() {
  return (
    <div className="card">
      <h1>Page not found</h1>
      <p>
        <Link href="/">Back to the demo</Link>
      </p>
    </div>
  );
}

/** The demo list preloaded on the server, live after hydration, with what the server read from it. */
export function PreloadedTasks({
  preloaded,
  summary,
}: {
  preloaded: Preloaded<typeof api.tasks.list>;
  summary: string;
}) {
  return (
    <section className="card" aria-labelledby="preloaded-heading">
      <h2 id="preloaded-heading">List “{DEFAULT_LIST}”</h2>
      <p className="muted" data-testid="server-summary">
        {summary}
      </p>
      <TaskForm list={DEFAULT_LIST} />
      <PreloadedTaskList preloaded={preloaded} />
    </section>
  );
}
