// The /api/revalidate contract as one table both routers' tests run (apps/app-router and apps/pages-router): every
// refusal (wrong or missing secret first, then bad input), each of which must drop nothing from the cache.
import { NAME_MAX } from "../shared/limits";
import { REVALIDATE_BODY_MAX_BYTES, UNAUTHORIZED } from "../shared/revalidation";

/** The secret the apps under test are configured with. */
export const TEST_SECRET = "test-secret-0123456789abcdef0123456789";

export interface RevalidateRefusalCase {
  name: string;
  headers: Record<string, string>;
  body: string;
  status: 400 | 401 | 413 | 415;
  error: string;
}

const json = { "content-type": "application/json" };
const withSecret = { ...json, authorization: `Bearer ${TEST_SECRET}` };
const good = JSON.stringify({ list: "demo" });

export const REVALIDATE_REFUSALS: RevalidateRefusalCase[] = [
  {
    name: "no Authorization header",
    headers: json,
    body: good,
    status: 401,
    error: UNAUTHORIZED.error,
  },
  {
    name: "a wrong secret",
    headers: { ...json, authorization: "Bearer wrong" },
    body: good,
    status: 401,
    error: UNAUTHORIZED.error,
  },
  {
    name: "the secret with one character changed",
    headers: { ...json, authorization: `Bearer ${TEST_SECRET.slice(0, -1)}X` },
    body: good,
    status: 401,
    error: UNAUTHORIZED.error,
  },
  {
    name: "the secret as a prefix of a longer token",
    headers: { ...json, authorization: `Bearer ${TEST_SECRET}0` },
    body: good,
    status: 401,
    error: UNAUTHORIZED.error,
  },
  {
    name: "the secret in another scheme",
    headers: { ...json, authorization: `Basic ${TEST_SECRET}` },
    body: good,
    status: 401,
    error: UNAUTHORIZED.error,
  },
  {
    name: "bad input without the secret (the secret is checked first)",
    headers: { "content-type": "text/plain" },
    body: "{",
    status: 401,
    error: UNAUTHORIZED.error,
  },
  {
    name: "text/plain",
    headers: { ...withSecret, "content-type": "text/plain" },
    body: good,
    status: 415,
    error: "Send the body as application/json.",
  },
  {
    name: "bad JSON",
    headers: withSecret,
    body: "{",
    status: 400,
    error: "The body is not valid JSON.",
  },
  {
    name: "an array",
    headers: withSecret,
    body: "[]",
    status: 400,
    error: 'Send an object: {"list": "<name>"}.',
  },
  ...[
    ["no list", "{}"],
    ["an empty list", JSON.stringify({ list: " " })],
    ["a list that is not a string", JSON.stringify({ list: 1 })],
    ["a list over the name limit", JSON.stringify({ list: "x".repeat(NAME_MAX + 1) })],
  ].map(([name = "", body = ""]) => ({
    name,
    headers: withSecret,
    body,
    status: 400 as const,
    error: `list must be a non-empty string of at most ${NAME_MAX} characters.`,
  })),
  {
    name: "a body over the size limit",
    headers: withSecret,
    body: JSON.stringify({ list: "demo", pad: "x".repeat(REVALIDATE_BODY_MAX_BYTES) }),
    status: 413,
    error: `The body is larger than ${REVALIDATE_BODY_MAX_BYTES} bytes.`,
  },
];

export const AUTHORIZED_HEADERS = withSecret;
