"use client";

// Adds a task with an optimistic update. Empty or oversize text is refused before any request; server-side
// rejections (ConvexError) are shown inline.
import { api } from "@repo/convex/api";
import { TASK_TEXT_MAX } from "@repo/convex/limits";
import { useMutation } from "convex/react";
import type { FormEvent } from "react";
import { useId, useState } from "react";

import { errorMessage } from "./error-message";
import { createLocally } from "./optimistic";

/** Client-side check mirroring the server's; returns the problem or null. */
export function validateTaskText(text: string): string | null {
  if (text.trim() === "") return "Task text must not be empty.";
  if (text.trim().length > TASK_TEXT_MAX)
    return `Task text must be at most ${TASK_TEXT_MAX} characters.`;
  return null;
}

export function TaskForm({ list, label = "New task" }: { list?: string; label?: string }) {
  const create = useMutation(api.tasks.create).withOptimisticUpdate(createLocally);
  const [text, setText] = useState("");
  const [error, setError] = useState<string | null>(null);
  const inputId = useId();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problem = validateTaskText(text);
    setError(problem);
    if (problem !== null) return;
    setText("");
    create(list === undefined ? { text } : { text, list }).catch((e: unknown) => {
      setText(text);
      setError(errorMessage(e));
    });
  };

  return (
    <form className="task-form" onSubmit={submit} noValidate>
      <label htmlFor={inputId}>{label}</label>
      <div className="row">
        <input
          id={inputId}
          value={text}
          maxLength={TASK_TEXT_MAX + 20}
          placeholder="What needs doing?"
          aria-invalid={error !== null}
          aria-describedby={error === null ? undefined : `${inputId}-error`}
          onChange={(event) => setText(event.target.value)}
        />
        <button type="submit">Add</button>
      </div>
      <p id={`${inputId}-error`} className="error" role="alert" aria-live="polite">
        {error}
      </p>
    </form>
  );
}
