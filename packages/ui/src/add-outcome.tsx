// The line under a server-side add form (the Server Action's, the server route's): the refusal, or what was added.
// A live status, so screen readers announce it and tests read it by role.

export interface AddOutcome {
  error: string | null;
  added: string | null;
}

export function AddOutcomeStatus({ error, added }: AddOutcome) {
  return (
    <p className={error === null ? "ok" : "error"} role="status" aria-live="polite">
      {error ?? (added === null ? "" : `Added “${added}”.`)}
    </p>
  );
}
