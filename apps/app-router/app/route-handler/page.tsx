import { Explainer } from "@repo/ui/explainer";

import { ClicksDemo } from "./clicks-demo";

export default function RouteHandlerPage() {
  return (
    <>
      <h1>Route Handler</h1>
      <Explainer
        title="fetchMutation in app/api/clicks/route.ts"
        fetched="The button POSTs to the Route Handler, which calls Convex from the server"
        reactive
      >
        <p>
          The number is a live <code>useQuery</code> subscription, so the change made by the server
          route shows up here (and in the other app) without a reload. Try{" "}
          <code>
            curl -X POST -d &apos;{"{"}&quot;counterName&quot;: &quot;clicks&quot;{"}"}&apos;
            http://localhost:3000/api/clicks
          </code>
          .
        </p>
      </Explainer>
      <section className="card" aria-labelledby="clicks-heading">
        <h2 id="clicks-heading">Counter “clicks”</h2>
        <ClicksDemo />
      </section>
    </>
  );
}
