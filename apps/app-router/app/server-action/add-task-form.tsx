"use client";

import { TASK_TEXT_MAX } from "@repo/convex/limits";
import { AddOutcomeStatus } from "@repo/ui/add-outcome";
import { useActionState } from "react";

import type { AddTaskState } from "./actions";
import { addTask } from "./actions";

export function AddTaskForm() {
  const [state, action, pending] = useActionState<AddTaskState, FormData>(addTask, {
    error: null,
    added: null,
  });
  return (
    <form className="task-form" action={action}>
      <label htmlFor="server-action-text">New task (via Server Action)</label>
      <div className="row">
        <input
          id="server-action-text"
          name="text"
          maxLength={TASK_TEXT_MAX + 20}
          aria-invalid={state.error !== null}
        />
        <button type="submit" disabled={pending}>
          {pending ? "Adding…" : "Add"}
        </button>
      </div>
      <AddOutcomeStatus {...state} />
    </form>
  );
}
