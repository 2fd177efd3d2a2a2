"use client";

// A public list newest first, five at a time (`usePaginatedQuery`), live like any other query.
import { api } from "@repo/convex/api";
import { usePaginatedQuery } from "convex/react";

const PAGE_SIZE = 5;

export function PaginatedTasks({ list }: { list: string }) {
  const { results, status, loadMore } = usePaginatedQuery(
    api.tasks.page,
    { list },
    { initialNumItems: PAGE_SIZE },
  );
  if (status === "LoadingFirstPage")
    return (
      <p className="muted" role="status">
        Loading…
      </p>
    );
  return (
    <div>
      <ol className="pages" aria-label="Newest tasks">
        {results.map((task) => (
          <li key={task._id} className={task.done ? "done" : undefined}>
            {task.text}
          </li>
        ))}
      </ol>
      {results.length === 0 && <p className="muted">Nothing here yet.</p>}
      <button type="button" onClick={() => loadMore(PAGE_SIZE)} disabled={status !== "CanLoadMore"}>
        {status === "Exhausted"
          ? "All loaded"
          : status === "LoadingMore"
            ? "Loading…"
            : "Load more"}
      </button>
    </div>
  );
}
