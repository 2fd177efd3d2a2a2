"use client";

// Task lists: live (`useQuery`), preloaded on the server (`usePreloadedQuery`), and the caller's private tasks.
import { api } from "@repo/convex/api";
import type { Task } from "@repo/convex/types";
import type { Preloaded } from "convex/react";
import { useMutation, usePreloadedQuery, useQuery } from "convex/react";
import { useState } from "react";

import { errorMessage } from "./error-message";
import { isOptimistic, removeLocally, toggleLocally } from "./optimistic";

export function TaskItems({
  tasks,
  emptyText = "No tasks yet.",
}: {
  tasks: Task[] | undefined;
  emptyText?: string;
}) {
  const toggle = useMutation(api.tasks.toggle).withOptimisticUpdate(toggleLocally);
  const remove = useMutation(api.tasks.remove).withOptimisticUpdate(removeLocally);
  const [error, setError] = useState<string | null>(null);
  const run = (action: Promise<unknown>) => {
    setError(null);
    action.catch((e: unknown) => setError(errorMessage(e)));
  };

  if (tasks === undefined)
    return (
      <p className="muted" role="status">
        Loading tasks…
      </p>
    );
  return (
    <div>
      {tasks.length === 0 ? (
        <p className="muted">{emptyText}</p>
      ) : (
        <ul className="tasks" aria-label="Tasks">
          {tasks.map((task) => {
            // Until the server confirms it, an optimistic task has no id the server knows: shown busy, not changeable.
            const saving = isOptimistic(task);
            return (
              <li
                key={task._id}
                className={task.done ? "task done" : "task"}
                aria-busy={saving || undefined}
              >
                <label>
                  <input
                    type="checkbox"
                    checked={task.done}
                    disabled={saving}
                    onChange={() => run(toggle({ id: task._id }))}
                  />
                  <span>{task.text}</span>
                </label>
                <button
                  type="button"
                  className="icon"
                  aria-label={`Remove "${task.text}"`}
                  disabled={saving}
                  onClick={() => run(remove({ id: task._id }))}
                >
                  ×
                </button>
              </li>
            );
          })}
        </ul>
      )}
      {error !== null && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

/** A public list, subscribed from the browser: loading state first, then live. */
export function TaskList({ list }: { list: string }) {
  return <TaskItems tasks={useQuery(api.tasks.list, { list })} />;
}

/** A public list whose first result came from the server, then stays live. */
export function PreloadedTaskList({ preloaded }: { preloaded: Preloaded<typeof api.tasks.list> }) {
  return <TaskItems tasks={usePreloadedQuery(preloaded)} />;
}

/** The signed-in user's private tasks. */
export function MyTasks() {
  return <TaskItems tasks={useQuery(api.tasks.mine, {})} emptyText="No private tasks yet." />;
}

/** Same, preloaded on the server with the user's token. */
export function PreloadedMyTasks({ preloaded }: { preloaded: Preloaded<typeof api.tasks.mine> }) {
  return <TaskItems tasks={usePreloadedQuery(preloaded)} emptyText="No private tasks yet." />;
}
