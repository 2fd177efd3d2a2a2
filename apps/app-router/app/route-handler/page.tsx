import { DEFAULT_LIST } from "@repo/convex/limits";
import { ApiTaskForm } from "@repo/ui/api-task-form";
import { Explainer } from "@repo/ui/explainer";
import { TaskList } from "@repo/ui/task-list";

import { ClicksDemo } from "./clicks-demo";

// The route answers 415 to anything but JSON (a cross-site form cannot send it), and curl's `-d` alone sends a form.
const CURL_EXAMPLE = `curl -X POST -H 'Content-Type: application/json' -d '{"counterName": "clicks"}' http://localhost:3000/api/clicks`;

export default function RouteHandlerPage() {
  return (
    <>
      <h1>Route Handler</h1>
      <Explainer
        title="fetchMutation in app/api/clicks/route.ts and app/api/tasks/route.ts"
        fetched="The button and the form POST to Route Handlers, which call Convex from the server"
        reactive
      >
        <p>
          The number is a live <code>useQuery</code> subscription, so the change made by the server
          route shows up here (and in the other app) without a reload. Try{" "}
          <code>{CURL_EXAMPLE}</code>. The task form posts to <code>app/api/tasks/route.ts</code>,
          which writes with the signed-in user&apos;s token (<code>getConvexToken()</code>): their
          task, counted against their rate limit (429 with &quot;try again in N s&quot; over it).
        </p>
      </Explainer>
      <section className="card" aria-labelledby="clicks-heading">
        <h2 id="clicks-heading">Counter “clicks”</h2>
        <ClicksDemo />
      </section>
      <section className="card" aria-labelledby="api-tasks-heading">
        <h2 id="api-tasks-heading">List “{DEFAULT_LIST}”</h2>
        <ApiTaskForm endpoint="/api/tasks" label="New task (via Route Handler)" />
        <TaskList list={DEFAULT_LIST} />
      </section>
    </>
  );
}
