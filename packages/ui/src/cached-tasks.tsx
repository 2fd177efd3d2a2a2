// The cached page pair (App Router "use cache" + cacheTag, Pages Router getStaticProps + ISR): the same public list
// as /preloaded, served from Next's cache instead of read per request, and what that trade-off means.
import { DEFAULT_LIST } from "@repo/convex/limits";
import type { Task } from "@repo/convex/types";

import { StaticTaskList } from "./demo-sections";

/**
 * The cached list, stamped with when it was rendered into the cache. `tasks` is null when Convex could not be read
 * while filling it (e.g. at build time with no backend running): that entry is kept for seconds only.
 */
export function CachedTasks({ tasks, renderedAt }: { tasks: Task[] | null; renderedAt: string }) {
  return (
    <section className="card" aria-labelledby="cached-heading">
      <h2 id="cached-heading">List “{DEFAULT_LIST}” (cached)</h2>
      <p className="muted">
        Rendered into the cache at <time data-testid="cached-at">{renderedAt}</time>.
      </p>
      {tasks === null ? (
        <p className="muted">Convex could not be read when this was cached; retrying shortly.</p>
      ) : (
        <StaticTaskList tasks={tasks} />
      )}
    </section>
  );
}

/** What a cached page trades for its speed, next to /preloaded. Both routers show it. */
export function CachedTradeOff() {
  return (
    <>
      <p>
        The same public list as <a href="/preloaded">Preloaded</a>, but rendered once into
        Next&apos;s cache and served from there to every visitor: no Convex call per request, and
        the HTML can sit on a CDN. It is not live and holds nothing per user (it is the same for
        everyone).
      </p>
      <p>
        When the list changes, the Convex mutation schedules an internal action that POSTs to this
        app&apos;s <code>/api/revalidate</code> with a shared secret, and the next request renders
        fresh data. Without that call the cache refreshes on its time limit only. Use{" "}
        <a href="/preloaded">Preloaded</a> when every visitor must see each change at once; use this
        for public data that is read far more often than it changes.
      </p>
    </>
  );
}
