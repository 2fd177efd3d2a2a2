import { Counter } from "@repo/ui/counter";
import { Explainer } from "@repo/ui/explainer";
import { postClick } from "@repo/ui/post-click";

export default function ApiRoutePage() {
  return (
    <>
      <h1>API route</h1>
      <Explainer
        title="fetchMutation in pages/api/clicks.ts"
        fetched="The button POSTs to the API route, which calls Convex from the server"
        reactive
      >
        <p>
          The Pages Router has no Server Actions, so server-side writes go through an API route. The
          number is a live <code>useQuery</code> subscription, so the change shows up here (and in
          the other app) without a reload.
        </p>
      </Explainer>
      <section className="card" aria-labelledby="clicks-heading">
        <h2 id="clicks-heading">Counter “clicks”</h2>
        <Counter name="clicks" increment={() => postClick("/api/clicks", "clicks")} />
      </section>
    </>
  );
}
