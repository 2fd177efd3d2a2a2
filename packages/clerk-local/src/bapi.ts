// The Backend API routes the server SDKs (@clerk/nextjs, @clerk/backend, @clerk/testing) call, behind the secret key.
import { randomBytes, timingSafeEqual } from "node:crypto";

import type { FapiContext } from "./fapi";
import type { ParsedRequest } from "./http";
import { ApiError } from "./http";
import { userJson } from "./resources";
import { sessionToken, templateToken, UnknownTemplateError } from "./tokens";

function authorize(context: FapiContext, request: ParsedRequest): void {
  const header = request.headers.authorization ?? "";
  const given = Buffer.from(header.replace(/^Bearer /, ""));
  const expected = Buffer.from(context.keys.secretKey);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new ApiError(401, "authentication_invalid", "The provided secret key is invalid.");
  }
}

function emailsFrom(body: unknown): string[] {
  const value = (body as { email_address?: unknown } | null)?.email_address;
  if (typeof value === "string") return [value];
  return Array.isArray(value)
    ? value.filter((item): item is string => typeof item === "string")
    : [];
}

/** Returns null when the path is not a Backend API route (so the Frontend API may handle it). */
export async function handleBapi(
  context: FapiContext,
  request: ParsedRequest,
): Promise<{ status: number; body: unknown } | null> {
  const parts = request.path.split("/").filter(Boolean);
  if (parts[0] !== "v1") return null;
  const [resource, id, sub, template] = parts.slice(1);
  const { store, keys } = context;

  if (resource === "jwks" && request.method === "GET")
    return { status: 200, body: { keys: [keys.publicJwk] } };

  // These resources exist only in the Backend API (the Frontend API's live under /v1/client), so every call to them
  // must carry the secret key. (Deciding by the presence of an Authorization header let keyless calls fall through.)
  const isBapi =
    resource === "users" ||
    resource === "testing_tokens" ||
    resource === "sessions" ||
    resource === "clients";
  if (!isBapi) return null;
  authorize(context, request);

  if (resource === "users" && id === undefined && request.method === "POST") {
    const [email] = emailsFrom(request.jsonBody ?? request.body);
    const body = (request.jsonBody ?? request.body) as Record<string, unknown>;
    const password = typeof body.password === "string" ? body.password : "";
    if (email === undefined || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
      throw new ApiError(
        422,
        "form_param_format_invalid",
        "email_address must be a valid email address.",
        "email_address",
      );
    }
    if (password.length < 8) {
      throw new ApiError(
        422,
        "form_password_length_too_short",
        "Passwords must be 8 characters or more.",
        "password",
      );
    }
    if (store.userByEmail(email) !== null) {
      throw new ApiError(
        422,
        "form_identifier_exists",
        "That email address is taken. Please try another.",
        "email_address",
      );
    }
    const user = store.createUser({
      email,
      password,
      firstName: typeof body.first_name === "string" ? body.first_name : null,
      lastName: typeof body.last_name === "string" ? body.last_name : null,
    });
    return { status: 200, body: userJson(user) };
  }
  if (resource === "users" && id !== undefined && request.method === "GET") {
    const user = store.user(id);
    if (user === null) throw new ApiError(404, "resource_not_found", "User not found.");
    return { status: 200, body: userJson(user) };
  }
  if (
    resource === "sessions" &&
    id !== undefined &&
    sub === "tokens" &&
    request.method === "POST"
  ) {
    const session = store.session(id);
    const user = session === null ? null : store.user(session.userId);
    if (session?.status !== "active" || user === null) {
      throw new ApiError(404, "resource_not_found", "Session not found or no longer active.");
    }
    try {
      const jwt =
        template === undefined
          ? await sessionToken(keys, session, null)
          : await templateToken(keys, template, session, user, context.issuer);
      return { status: 200, body: { object: "token", jwt } };
    } catch (error) {
      if (error instanceof UnknownTemplateError)
        throw new ApiError(404, "resource_not_found", error.message);
      throw error;
    }
  }
  if (resource === "testing_tokens" && request.method === "POST") {
    return {
      status: 200,
      body: {
        object: "testing_token",
        token: `offline_${randomBytes(16).toString("hex")}`,
        expires_at: Math.floor(Date.now() / 1000) + 3600,
      },
    };
  }
  if (resource === "clients" && id === "handshake_payload" && request.method === "GET") {
    const nonce = request.query.get("nonce") ?? "";
    const directives = context.handshakeNonces.get(nonce);
    if (directives === undefined)
      throw new ApiError(404, "resource_not_found", "Handshake nonce not found.");
    context.handshakeNonces.delete(nonce);
    return { status: 200, body: { directives } };
  }
  throw new ApiError(404, "resource_not_found", `No route ${request.method} ${request.path}.`);
}
