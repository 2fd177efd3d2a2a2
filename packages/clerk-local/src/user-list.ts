// `GET /v1/users` and `GET /v1/users/count`: what `users.getUserList()` calls (both at once), e.g. `@clerk/testing`
// to find a user by email (or username). Filters follow the Backend API reference: each list parameter matches any of its values,
// different parameters must all match; `limit` 1-500 (default 10), `offset`, `order_by` (default `-created_at`).
import type { ParsedRequest } from "./http";
import { ApiError } from "./http";
import { userJson } from "./resources";
import type { Handler } from "./router";
import { json } from "./router";
import type { User } from "./store";

const fullName = (user: User) => [user.firstName, user.lastName].filter(Boolean).join(" ");

/** Parameters naming identifiers this instance never stores (phone numbers, wallets, external ids): nothing matches. */
const NEVER_MATCHED = ["phone_number", "web3_wallet", "external_id", "organization_id"];

const ORDER_KEYS = new Map<string, (user: User) => number | string>([
  ["created_at", (user) => user.createdAt],
  ["updated_at", (user) => user.updatedAt],
  ["last_sign_in_at", (user) => user.lastSignInAt ?? 0],
  ["last_active_at", (user) => user.lastSignInAt ?? 0],
  ["email_address", (user) => user.email ?? ""],
  ["username", (user) => user.username ?? ""],
  ["first_name", (user) => user.firstName ?? ""],
  ["last_name", (user) => user.lastName ?? ""],
]);

const invalid = (param: string, message: string) =>
  new ApiError(422, "form_param_value_invalid", message, param);

/** `email_address=a&email_address=b`, as @clerk/backend sends arrays (also `email_address[]=`). */
function listParam(query: URLSearchParams, name: string): string[] {
  return [...query.getAll(name), ...query.getAll(`${name}[]`)];
}

function integerParam(query: URLSearchParams, name: string, fallback: number, max: number) {
  const raw = query.get(name);
  if (raw === null) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) > max)
    throw invalid(name, `${name} must be a whole number from 0 to ${max}.`);
  return Number(raw);
}

function matchingUsers(users: User[], query: URLSearchParams): User[] {
  const emails = listParam(query, "email_address").map((email) => email.trim().toLowerCase());
  const ids = listParam(query, "user_id");
  const usernames = listParam(query, "username").map((name) => name.trim().toLowerCase());
  const text = (query.get("query") ?? "").trim().toLowerCase();
  if (NEVER_MATCHED.some((name) => listParam(query, name).length > 0)) return [];
  return users.filter(
    (user) =>
      (emails.length === 0 || (user.email !== null && emails.includes(user.email))) &&
      (usernames.length === 0 || (user.username !== null && usernames.includes(user.username))) &&
      (ids.length === 0 || ids.includes(user.id)) &&
      (text === "" ||
        [user.id, user.email ?? "", user.username ?? "", fullName(user)].some((field) =>
          field.toLowerCase().includes(text),
        )),
  );
}

function ordered(users: User[], request: ParsedRequest): User[] {
  const raw = request.query.get("order_by") ?? "-created_at";
  const match = /^([+-]?)([a-z_]+)$/.exec(raw);
  const key = match === null ? undefined : ORDER_KEYS.get(match[2] ?? "");
  if (match === null || key === undefined) {
    throw invalid(
      "order_by",
      `order_by must be one of ${[...ORDER_KEYS.keys()].join(", ")}, optionally prefixed with + or -.`,
    );
  }
  const direction = match[1] === "-" ? -1 : 1;
  return [...users].sort((a, b) => {
    const [left, right] = [key(a), key(b)];
    return (left < right ? -1 : left > right ? 1 : 0) * direction;
  });
}

export const listUsers: Handler = (context, request) => {
  const limit = integerParam(request.query, "limit", 10, 500);
  if (limit < 1) throw invalid("limit", "limit must be a whole number from 1 to 500.");
  const offset = integerParam(request.query, "offset", 0, Number.MAX_SAFE_INTEGER);
  const users = ordered(matchingUsers(context.store.users(), request.query), request);
  return json(users.slice(offset, offset + limit).map(userJson));
};

export const countUsers: Handler = (context, request) =>
  json({
    object: "total_count",
    total_count: matchingUsers(context.store.users(), request.query).length,
  });
