// The contract between Convex and the apps' revalidation endpoints (App Router Route Handler, Pages Router API
// route): which path they answer on, how a caller proves it is Convex, what it asks for, and which cache entries
// each request drops. Shared by both routers and the Convex action that calls them, so none can drift. Not a Convex
// function module (no `api.revalidation` here): constants and pure helpers only, on Web APIs that Next's servers and
// the Convex runtime both have.
import { readAtMost } from "./bodyLimit";
import { DEFAULT_LIST, NAME_MAX } from "./limits";

/** Where each app serves its revalidation endpoint. */
export const REVALIDATE_PATH = "/api/revalidate";

/** The cached page pair (App Router "use cache", Pages Router ISR): both show DEFAULT_LIST. */
export const CACHED_PAGE_PATH = "/cached";

/** The App Router's cache tag of a public list's "use cache" entries. */
export function listCacheTag(list: string): string {
  return `tasks:list:${list}`;
}

/** The Pages Router's ISR paths that render `list` (res.revalidate takes paths, not tags). */
export function listPagePaths(list: string): string[] {
  return list === DEFAULT_LIST ? [CACHED_PAGE_PATH] : [];
}

/** What Convex POSTs: the public list that changed. */
export interface RevalidateBody {
  list: string;
}

/** The answer on success: what was dropped from the cache. */
export interface RevalidateResult {
  revalidated: { tags: string[]; paths: string[] };
}

export type RevalidateRefusal =
  | { status: 400; error: string }
  | { status: 401; error: string }
  | { status: 405; error: string }
  | { status: 413; error: string }
  | { status: 415; error: string };

/** The largest body read: `{"list": <64 characters>}` is well under it. */
export const REVALIDATE_BODY_MAX_BYTES = 1024;

export const REVALIDATE_ALLOWED_METHODS = "POST";
export const REVALIDATE_METHOD_NOT_ALLOWED = {
  status: 405,
  error: "Use POST.",
} as const satisfies RevalidateRefusal;
export const UNAUTHORIZED = {
  status: 401,
  error: "Missing or wrong revalidation secret.",
} as const satisfies RevalidateRefusal;

/** The bearer token of an `Authorization` header, or null. */
export function bearerToken(header: string | null | undefined): string | null {
  if (header === null || header === undefined) return null;
  const match = /^Bearer ([^\s]+)$/.exec(header.trim());
  return match?.[1] ?? null;
}

const encoder = new TextEncoder();

/**
 * Whether `given` is the shared secret, in time that does not depend on where the two differ: both are hashed to 32
 * bytes (so their lengths leak nothing either) and every byte is compared. An unset or empty `expected` matches
 * nothing: an app without the secret refuses every revalidation call.
 */
export async function secretMatches(
  given: string | null,
  expected: string | undefined,
): Promise<boolean> {
  if (expected === undefined || expected === "" || given === null) return false;
  const [a, b] = await Promise.all([
    crypto.subtle.digest("SHA-256", encoder.encode(given)),
    crypto.subtle.digest("SHA-256", encoder.encode(expected)),
  ]);
  const left = new Uint8Array(a);
  const right = new Uint8Array(b);
  let difference = 0;
  for (let index = 0; index < left.length; index += 1)
    difference |= (left[index] ?? 0) ^ (right[index] ?? 0);
  return difference === 0;
}

/** Only JSON (what Convex sends). */
function isJson(contentType: string | null | undefined): boolean {
  const essence = (contentType ?? "").split(";")[0]?.trim().toLowerCase();
  return essence === "application/json";
}

export type ParsedRevalidate =
  { ok: true; value: RevalidateBody } | { ok: false; refusal: RevalidateRefusal };

const refuse = (refusal: RevalidateRefusal): ParsedRevalidate => ({ ok: false, refusal });

/**
 * Checks a revalidation request after its secret was accepted: JSON, at most REVALIDATE_BODY_MAX_BYTES, an object
 * whose `list` is a non-empty name of at most NAME_MAX characters. `text` is the body as read (null when it was
 * longer than the limit).
 */
export function parseRevalidateBody(
  contentType: string | null | undefined,
  text: string | null,
): ParsedRevalidate {
  if (!isJson(contentType))
    return refuse({ status: 415, error: "Send the body as application/json." });
  if (text === null)
    return refuse({
      status: 413,
      error: `The body is larger than ${REVALIDATE_BODY_MAX_BYTES} bytes.`,
    });
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return refuse({ status: 400, error: "The body is not valid JSON." });
  }
  if (typeof body !== "object" || body === null || Array.isArray(body))
    return refuse({ status: 400, error: 'Send an object: {"list": "<name>"}.' });
  const { list } = body as Record<string, unknown>;
  if (typeof list !== "string" || list.trim() === "" || list.length > NAME_MAX)
    return refuse({
      status: 400,
      error: `list must be a non-empty string of at most ${NAME_MAX} characters.`,
    });
  return { ok: true, value: { list: list.trim() } };
}

/** Reads at most `max` bytes of a body as UTF-8; null when it is longer (the rest is left unread). */
export async function readBodyText(
  body: AsyncIterable<Uint8Array> | null,
  max = REVALIDATE_BODY_MAX_BYTES,
): Promise<string | null> {
  if (body === null) return "";
  const bytes = await readAtMost(body, max);
  return bytes === null ? null : new TextDecoder().decode(bytes);
}
