import { DEFAULT_LIST } from "@repo/convex/limits";
import { Counter } from "@repo/ui/counter";
import { Explainer } from "@repo/ui/explainer";
import { PaginatedTasks } from "@repo/ui/paginated-tasks";
import { TaskForm } from "@repo/ui/task-form";
import { TaskList } from "@repo/ui/task-list";

export default function Home() {
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
