// The Backend API routes the server SDKs (@clerk/nextjs, @clerk/backend, @clerk/testing) call, behind the secret key.
import { randomBytes, timingSafeEqual } from "node:crypto";

import type { ServerContext } from "./context";
import type { ParsedRequest } from "./http";
import { ApiError } from "./http";
import { newIdentifiers } from "./identifiers";
import { checkName, checkPassword } from "./new-user";
import { userJson } from "./resources";
import type { Handler, Route } from "./router";
import { json } from "./router";
import { createSignInToken, revokeSignInToken } from "./sign-in-tokens";
import { sessionToken, templateToken, UnknownTemplateError } from "./tokens";
import { countUsers, listUsers } from "./user-list";

/** The secret key must come as a Bearer credential (RFC 6750; the scheme is case-insensitive, RFC 9110 §11.1). */
function authorize(context: ServerContext, request: ParsedRequest): void {
  const bearer = /^Bearer (.*)$/is.exec(request.headers.authorization ?? "");
  const given = Buffer.from(bearer?.[1] ?? "");
  const expected = Buffer.from(context.keys.secretKey);
  if (bearer === null || given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new ApiError(401, "authentication_invalid", "The provided secret key is invalid.");
  }
}

/**
 * These resources exist only in the Backend API (the Frontend API's live under /v1/client), so every call to them
 * must carry the secret key, even one to a path that does not exist (401 before 404: no probing without the key).
 */
const BACKEND_RESOURCES = new Set([
  "users",
  "testing_tokens",
  "sessions",
  "clients",
  "sign_in_tokens",
]);

export function isBackendPath(path: string): boolean {
  const [version, resource] = path.split("/").filter(Boolean);
  return version === "v1" && resource !== undefined && BACKEND_RESOURCES.has(resource);
}

/** Checks the secret key for an unmatched Backend API path, so the caller can answer 404 only to key holders. */
export function authorizeUnmatched(context: ServerContext, request: ParsedRequest): void {
  if (isBackendPath(request.path)) authorize(context, request);
}

const withSecretKey =
  (handler: Handler): Handler =>
  (context, request, params) => {
    authorize(context, request);
    return handler(context, request, params);
  };

/** A JSON body's field, only when it is a string (anything else counts as absent). */
function stringField(body: unknown, name: string): string | undefined {
  const value = (body as Record<string, unknown> | null)?.[name];
  return typeof value === "string" ? value : undefined;
}

/** `email_address` is a list in Clerk's createUser; a single string is taken too. */
function firstEmail(body: unknown): string | undefined {
  const value = (body as { email_address?: unknown } | null)?.email_address;
  const first: unknown = Array.isArray(value) ? value[0] : value;
  return typeof first === "string" ? first : undefined;
}

const createUser: Handler = (context, request) => {
  const { store, settings } = context;
  const body = request.jsonBody ?? request.body;
  // A required identifier left out is refused as an empty one would be.
  const given = (field: "email_address" | "username", value: string | undefined) =>
    value ?? (settings.required.has(field) ? "" : undefined);
  const { email, username } = newIdentifiers(store, settings, {
    email: given("email_address", firstEmail(body)),
    username: given("username", stringField(body, "username")),
  });
  checkPassword(stringField(body, "password") ?? "");
  const firstName = checkName(stringField(body, "first_name") ?? null, "first_name");
  const lastName = checkName(stringField(body, "last_name") ?? null, "last_name");
  const user = store.createUser({
    email: email ?? null,
    username: username ?? null,
    password: stringField(body, "password") ?? "",
    firstName,
    lastName,
  });
  return json(userJson(user));
};

function existingUser(context: ServerContext, id: string | undefined) {
  const user = context.store.user(id ?? "");
  if (user === null) throw new ApiError(404, "resource_not_found", "User not found.");
  return user;
}

/** POST /v1/users/{id}/lock: locked for the instance's lockout duration, as Clerk's lockUser. */
const lockUser: Handler = (context, _request, params) => {
  const user = existingUser(context, params.id);
  context.store.setLock(user, Date.now() + context.lockout.durationMs);
  return json(userJson(user));
};

/** DELETE /v1/users/{id}: Clerk answers with a DeletedObject. */
const deleteUser: Handler = (context, _request, params) => {
  const user = existingUser(context, params.id);
  context.store.deleteUser(user);
  return json({ object: "user", id: user.id, deleted: true });
};

const unlockUser: Handler = (context, _request, params) => {
  const user = existingUser(context, params.id);
  context.store.setLock(user, null);
  return json(userJson(user));
};

const readUser: Handler = (context, _request, params) =>
  json(userJson(existingUser(context, params.id)));

const createSessionToken: Handler = async (context, _request, params) => {
  const { store } = context;
  const session = store.session(params.id ?? "");
  const user = session === null ? null : store.user(session.userId);
  if (session?.status !== "active" || user === null) {
    throw new ApiError(404, "resource_not_found", "Session not found or no longer active.");
  }
  try {
    const jwt =
      params.template === undefined
        ? await sessionToken(context, session, null)
        : await templateToken(context, params.template, session, user);
    return json({ object: "token", jwt });
  } catch (error) {
    if (error instanceof UnknownTemplateError)
      throw new ApiError(404, "resource_not_found", error.message);
    throw error;
  }
};

const createTestingToken: Handler = () =>
  json({
    object: "testing_token",
    token: `offline_${randomBytes(16).toString("hex")}`,
    expires_at: Math.floor(Date.now() / 1000) + 3600,
  });

const handshakePayload: Handler = (context, request) => {
  const nonce = request.query.get("nonce") ?? "";
  const directives = context.handshakeNonces.take(nonce);
  if (directives === undefined)
    throw new ApiError(404, "resource_not_found", "Handshake nonce not found or expired.");
  return json({ directives });
};

const jwks: Handler = (context) => json({ keys: [context.keys.publicJwk] });

const backend = (method: Route["method"], path: string, handler: Handler): Route => ({
  method,
  path,
  handler: withSecretKey(handler),
});

export const BAPI_ROUTES: readonly Route[] = [
  // Public, like Clerk's: it is what verifiers fetch.
  { method: "GET", path: "/v1/jwks", handler: jwks },
  backend("POST", "/v1/users", createUser),
  backend("GET", "/v1/users", listUsers),
  // Before `/v1/users/:id`, which would take "count" for an id.
  backend("GET", "/v1/users/count", countUsers),
  backend("GET", "/v1/users/:id", readUser),
  backend("DELETE", "/v1/users/:id", deleteUser),
  backend("POST", "/v1/users/:id/lock", lockUser),
  backend("POST", "/v1/users/:id/unlock", unlockUser),
  backend("POST", "/v1/sessions/:id/tokens", createSessionToken),
  backend("POST", "/v1/sessions/:id/tokens/:template", createSessionToken),
  backend("POST", "/v1/testing_tokens", createTestingToken),
  backend("POST", "/v1/sign_in_tokens", createSignInToken),
  backend("POST", "/v1/sign_in_tokens/:id/revoke", revokeSignInToken),
  backend("GET", "/v1/clients/handshake_payload", handshakePayload),
];
