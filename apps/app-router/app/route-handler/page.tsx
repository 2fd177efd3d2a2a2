import { Explainer } from "@repo/ui/explainer";

import { ClicksDemo } from "./clicks-demo";

// The route answers 415 to anything but JSON (a cross-site form cannot send it), and curl's `-d` alone sends a form.
const CURL_EXAMPLE = `curl -X POST -H 'Content-Type: application/json' -d '{"counterName": "clicks"}' http://localhost:3000/api/clicks`;

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
          <code>{CURL_EXAMPLE}</code>.
        </p>
      </Explainer>
      <section className="card" aria-labelledby="clicks-heading">
        <h2 id="clicks-heading">Counter “clicks”</h2>
        <ClicksDemo />
      </section>
    </>
  );
}
