"use client";

// Adds a task through a server route (the App Router's Route Handler, the Pages Router's API route): the route writes
// with the signed-in user's token, so its refusals (bad text, "try again in N s") come back as its JSON error and
// are shown here, the text kept for another try. The live list beside it shows the task once Convex has it.
import { TASK_TEXT_MAX } from "@repo/convex/limits";
import type { FormEvent } from "react";
import { useId, useState } from "react";

import type { AddOutcome } from "./add-outcome";
import { AddOutcomeStatus } from "./add-outcome";
import { postTask } from "./post-task";

export function ApiTaskForm({ endpoint, label }: { endpoint: string; label: string }) {
  const [text, setText] = useState("");
  const [outcome, setOutcome] = useState<AddOutcome>({ error: null, added: null });
  const [pending, setPending] = useState(false);
  const inputId = useId();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setPending(true);
    postTask(endpoint, text)
      .then((task) => {
        setText("");
        setOutcome({ error: null, added: task.text });
      })
      .catch((error: unknown) =>
        setOutcome({ error: error instanceof Error ? error.message : String(error), added: null }),
      )
      .finally(() => setPending(false));
  };

  return (
    <form className="task-form" onSubmit={submit} noValidate>
      <label htmlFor={inputId}>{label}</label>
      <div className="row">
        <input
          id={inputId}
          value={text}
          maxLength={TASK_TEXT_MAX + 20}
          aria-invalid={outcome.error !== null}
          onChange={(event) => setText(event.target.value)}
        />
        <button type="submit" disabled={pending}>
          {pending ? "Adding…" : "Add"}
        </button>
      </div>
      <AddOutcomeStatus {...outcome} />
    </form>
  );
}
