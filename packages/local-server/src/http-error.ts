// The error a handler throws for a 4xx (or a deliberate 5xx): status, machine-readable code, message, and any
// headers the answer needs (405's Allow). Each server renders its own wire envelope by overriding toJson().

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
  }

  /** The plain `{ code, message }` envelope (Convex's); Clerk's and OAuth's servers override it. */
  toJson(): unknown {
    return { code: this.code, message: this.message };
  }
}
