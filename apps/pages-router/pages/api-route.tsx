import { DEFAULT_LIST } from "@repo/convex/limits";
import { ApiTaskForm } from "@repo/ui/api-task-form";
import { Counter } from "@repo/ui/counter";
import { Explainer } from "@repo/ui/explainer";
import { postClick } from "@repo/ui/post-click";
import { TaskList } from "@repo/ui/task-list";

export default function ApiRoutePage() {
  return (
    <>
      <h1>API route</h1>
      <Explainer
        title="fetchMutation in pages/api/clicks.ts and pages/api/tasks.ts"
        fetched="The button and the form POST to API routes, which call Convex from the server"
        reactive
      >
        <p>
          The Pages Router has no Server Actions, so server-side writes go through an API route. The
          number is a live <code>useQuery</code> subscription, so the change shows up here (and in
          the other app) without a reload. The task form posts to <code>pages/api/tasks.ts</code>,
          which writes with the signed-in user&apos;s token (<code>getConvexToken(req)</code>):
          their task, counted against their rate limit (429 with &quot;try again in N s&quot; over
          it).
        </p>
      </Explainer>
      <section className="card" aria-labelledby="clicks-heading">
        <h2 id="clicks-heading">Counter “clicks”</h2>
        <Counter name="clicks" increment={() => postClick("/api/clicks", "clicks")} />
      </section>
      <section className="card" aria-labelledby="api-tasks-heading">
        <h2 id="api-tasks-heading">List “{DEFAULT_LIST}”</h2>
        <ApiTaskForm endpoint="/api/tasks" label="New task (via API route)" />
        <TaskList list={DEFAULT_LIST} />
      </section>
    </>
  );
}
