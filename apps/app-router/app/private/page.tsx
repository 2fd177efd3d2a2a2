import { AuthGate } from "@repo/ui/auth-controls";
import { Explainer } from "@repo/ui/explainer";
import { TaskForm } from "@repo/ui/task-form";
import { MyTasks } from "@repo/ui/task-list";

export default function PrivatePage() {
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
          Clerk token.
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
