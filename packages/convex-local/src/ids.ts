// Document ids as convex-test makes them: a zero-padded counter followed by the table name.

/** The table a document id belongs to; null when the string is not such an id. */
export function tableOfId(id: string): string | null {
  const match = /^[0-9]+(.+)$/.exec(id);
  return match?.[1] ?? null;
}
