// Query journals, as Convex keeps them for paginated queries: the first run of a subscription records where its
// page ended (`continueCursor`); every re-run of that subscription reads up to that same end cursor instead of
// `numItems` rows. A row inserted inside a loaded page then grows that page, instead of pushing its last row
// into the gap before the next page's fixed start cursor. The journal travels in QueryUpdated/QueryFailed and
// comes back in a reconnecting client's Add (convex/src/browser/sync/local_state.ts), so it is opaque to clients.

interface JournalJson {
  endCursor: string;
}

/** The pinned end cursor for one query execution, and the end its paginate() call reached. */
export class PaginationPin {
  /** The cursor the page ended at in this run; null until the query paginates. */
  reached: string | null = null;

  constructor(readonly endCursor: string | null) {}

  /** Adds the pinned end to a `1.0/queryPage` syscall that did not ask for an end of its own. */
  pinArgs(jsonArgs: string): string {
    if (this.endCursor === null) return jsonArgs;
    const args = JSON.parse(jsonArgs) as { endCursor?: unknown };
    if (args.endCursor !== undefined && args.endCursor !== null) return jsonArgs;
    return JSON.stringify({ ...args, endCursor: this.endCursor });
  }

  /** Notes the page end from a `1.0/queryPage` answer (`{page, isDone, continueCursor, ...}`). */
  record(resultJson: string): void {
    if (this.reached !== null) return;
    const { continueCursor } = JSON.parse(resultJson) as { continueCursor?: unknown };
    if (typeof continueCursor === "string") this.reached = continueCursor;
  }
}

export type ParsedJournal = { ok: true; pin: PaginationPin } | { ok: false; error: string };

/** A journal from this server (or null / a client's `undefined`); anything else is rejected, never trusted. */
export function parseJournal(journal: string | null | undefined): ParsedJournal {
  if (journal === null || journal === undefined) return { ok: true, pin: new PaginationPin(null) };
  let value: unknown;
  try {
    value = JSON.parse(journal);
  } catch {
    value = undefined;
  }
  const endCursor = (value as Partial<JournalJson> | null | undefined)?.endCursor;
  if (typeof value !== "object" || value === null || typeof endCursor !== "string") {
    return { ok: false, error: `Invalid query journal ${JSON.stringify(journal).slice(0, 100)}.` };
  }
  return { ok: true, pin: new PaginationPin(endCursor) };
}

/** The journal to hand the client after a run: null for a query that did not paginate. */
export function encodeJournal(pin: PaginationPin): string | null {
  const endCursor = pin.reached ?? pin.endCursor;
  return endCursor === null ? null : JSON.stringify({ endCursor } satisfies JournalJson);
}
