// The Frontend API (what clerk-js and the prebuilt components call), for a development instance: the client is
// identified by its dev browser id (`__clerk_db_jwt`), not by a cookie on a Clerk domain.
import { randomBytes } from "node:crypto";

import type { InstanceKeys } from "./keys";
import { SESSION_TOKEN_SECONDS } from "./instance";
import type { ParsedRequest } from "./http";
import { ApiError } from "./http";
import { clientJson, environmentJson, sessionJson, signInJson, signUpJson } from "./resources";
import type { Client, Session, Store } from "./store";
import { newId, passwordMatches } from "./store";
import { isLoopbackUrl } from "./loopback";
import { handshakeToken, sessionToken, templateToken, UnknownTemplateError } from "./tokens";

export interface FapiContext {
  store: Store;
  keys: InstanceKeys;
  issuer: string;
  applicationName: string;
  /** Nonce -> handshake cookies, for `format=nonce` handshakes read back over the Backend API. */
  handshakeNonces: Map<string, string[]>;
}

export type FapiResult =
  | { kind: "json"; status: number; body: unknown; headers?: Record<string, string> }
  | { kind: "redirect"; location: string };

const json = (body: unknown, status = 200): FapiResult => ({ kind: "json", status, body });

const MIN_PASSWORD = 8;

function devBrowserId(request: ParsedRequest): string | null {
  const fromQuery = request.query.get("__clerk_db_jwt");
  if (fromQuery !== null && fromQuery !== "") return fromQuery;
  const cookie = request.headers.cookie ?? "";
  const match = /(?:^|;\s*)__clerk_db_jwt(?:_[^=]+)?=([^;]+)/.exec(cookie);
  return match?.[1] ?? null;
}

function requireClient(context: FapiContext, request: ParsedRequest): Client {
  const id = devBrowserId(request);
  if (id === null)
    throw new ApiError(401, "dev_browser_unauthenticated", "Dev browser is missing or invalid.");
  return context.store.clientFor(id);
}

async function tokensFor(context: FapiContext, client: Client, origin: string | null) {
  const tokens = new Map<string, string>();
  for (const session of context.store.activeSessions(client)) {
    tokens.set(session.id, await sessionToken(context.keys, session, origin));
  }
  return tokens;
}

async function withClient(
  context: FapiContext,
  request: ParsedRequest,
  client: Client,
  response: unknown,
) {
  const tokens = await tokensFor(context, client, request.headers.origin ?? null);
  return json({ response, client: clientJson(context.store, client, tokens) });
}

function activeSession(
  context: FapiContext,
  client: Client,
  sessionId: string | undefined,
): Session {
  const session = sessionId === undefined ? null : context.store.session(sessionId);
  if (session?.clientId !== client.id || session.status !== "active") {
    throw new ApiError(404, "resource_not_found", "Session not found or no longer active.");
  }
  return session;
}

function passwordAttempt(
  context: FapiContext,
  client: Client,
  identifier: string,
  password: string,
) {
  const user = context.store.userByEmail(identifier);
  if (user === null) {
    throw new ApiError(
      422,
      "form_identifier_not_found",
      "Couldn't find your account.",
      "identifier",
    );
  }
  if (!passwordMatches(password, user.passwordHash)) {
    throw new ApiError(
      422,
      "form_password_incorrect",
      "Password is incorrect. Try again, or use another method.",
      "password",
    );
  }
  return context.store.startSession(client, user);
}

async function signIns(
  context: FapiContext,
  request: ParsedRequest,
  client: Client,
  rest: string[],
) {
  const { store } = context;
  if (rest.length === 0 && request.method === "POST") {
    const identifier = (request.body.identifier ?? "").trim();
    if (identifier === "")
      throw new ApiError(422, "form_param_nil", "Enter an email address.", "identifier");
    const user = store.userByEmail(identifier);
    if (user === null) {
      throw new ApiError(
        422,
        "form_identifier_not_found",
        "Couldn't find your account.",
        "identifier",
      );
    }
    const signIn = { id: newId("sia"), identifier, userId: user.id, attempts: 0 };
    const password = request.body.password;
    if (request.body.strategy === "password" && password !== undefined) {
      const session = passwordAttempt(context, client, identifier, password);
      const done = store.putSignIn(client, {
        ...signIn,
        attempts: 1,
        status: "complete",
        createdSessionId: session.id,
      });
      return withClient(context, request, client, signInJson(done, user));
    }
    const pending = store.putSignIn(client, {
      ...signIn,
      status: "needs_first_factor",
      createdSessionId: null,
    });
    return withClient(context, request, client, signInJson(pending, user));
  }
  const signIn = store.signIn(rest[0] ?? null);
  if (signIn === null) throw new ApiError(404, "resource_not_found", "Sign-in not found.");
  const user = signIn.userId === null ? null : store.user(signIn.userId);
  if (rest[1] === undefined && request.method === "GET")
    return withClient(context, request, client, signInJson(signIn, user));
  if (rest[1] === "attempt_first_factor" && request.method === "POST") {
    if (request.body.strategy !== "password") {
      throw new ApiError(
        422,
        "strategy_for_user_invalid",
        "Only password sign-in is available offline.",
        "strategy",
      );
    }
    const attempts = signIn.attempts + 1;
    try {
      const session = passwordAttempt(
        context,
        client,
        signIn.identifier,
        request.body.password ?? "",
      );
      const done = store.putSignIn(client, {
        ...signIn,
        attempts,
        status: "complete",
        createdSessionId: session.id,
      });
      return withClient(context, request, client, signInJson(done, user));
    } catch (error) {
      store.putSignIn(client, { ...signIn, attempts });
      throw error;
    }
  }
  if (rest[1] === "prepare_first_factor" && request.method === "POST") {
    return withClient(context, request, client, signInJson(signIn, user));
  }
  throw new ApiError(404, "resource_not_found", `No route ${request.method} ${request.path}.`);
}

async function signUps(
  context: FapiContext,
  request: ParsedRequest,
  client: Client,
  rest: string[],
) {
  const { store } = context;
  const existing = store.signUp(rest[0] ?? null);
  if (rest.length > 0 && existing === null)
    throw new ApiError(404, "resource_not_found", "Sign-up not found.");
  if (request.method === "GET" && existing !== null)
    return withClient(context, request, client, signUpJson(existing));
  const fields = { ...request.body };
  const email = (fields.email_address ?? existing?.email ?? "").trim().toLowerCase();
  const firstName = fields.first_name ?? existing?.firstName ?? null;
  const lastName = fields.last_name ?? existing?.lastName ?? null;
  if (email !== "" && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
    throw new ApiError(
      422,
      "form_param_format_invalid",
      "Email address must be a valid email address.",
      "email_address",
    );
  }
  if (email !== "" && store.userByEmail(email) !== null) {
    throw new ApiError(
      422,
      "form_identifier_exists",
      "That email address is taken. Please try another.",
      "email_address",
    );
  }
  const password = fields.password;
  if (password !== undefined && password.length < MIN_PASSWORD) {
    throw new ApiError(
      422,
      "form_password_length_too_short",
      `Passwords must be ${MIN_PASSWORD} characters or more.`,
      "password",
    );
  }
  const base = existing ?? {
    id: newId("sua"),
    status: "missing_requirements" as const,
    createdUserId: null,
    createdSessionId: null,
  };
  if (email === "" || password === undefined) {
    const pending = store.putSignUp(client, { ...base, email: email || null, firstName, lastName });
    return withClient(context, request, client, signUpJson(pending));
  }
  const user = store.createUser({ email, password, firstName, lastName });
  const session = store.startSession(client, user);
  const done = store.putSignUp(client, {
    ...base,
    email,
    firstName,
    lastName,
    status: "complete",
    createdUserId: user.id,
    createdSessionId: session.id,
  });
  return withClient(context, request, client, signUpJson(done));
}

async function sessions(
  context: FapiContext,
  request: ParsedRequest,
  client: Client,
  rest: string[],
) {
  const { store, keys } = context;
  if (rest.length === 0 && request.method === "DELETE") {
    store.endSessions(client);
    return withClient(context, request, client, clientJson(store, client, new Map()));
  }
  const session = activeSession(context, client, rest[0]);
  const user = store.user(session.userId);
  if (user === null) throw new ApiError(404, "resource_not_found", "User not found.");
  const action = rest[1];
  if (action === "touch" && request.method === "POST") {
    session.lastActiveAt = Date.now();
    client.lastActiveSessionId = session.id;
    store.save();
    const token = await sessionToken(keys, session, request.headers.origin ?? null);
    return withClient(context, request, client, sessionJson(session, user, token));
  }
  if (action === "tokens" && request.method === "POST") {
    const template = rest[2];
    try {
      const jwt =
        template === undefined
          ? await sessionToken(keys, session, request.headers.origin ?? null)
          : await templateToken(keys, template, session, user, context.issuer);
      // Token responses are bare, not wrapped in { response, client }.
      return json({ object: "token", jwt });
    } catch (error) {
      if (error instanceof UnknownTemplateError)
        throw new ApiError(404, "resource_not_found", error.message);
      throw error;
    }
  }
  if ((action === "end" || action === "remove") && request.method === "POST") {
    store.endSessions(client, session.id);
    return withClient(context, request, client, sessionJson(session, user, null));
  }
  if (action === undefined && request.method === "GET") {
    return withClient(context, request, client, sessionJson(session, user, null));
  }
  throw new ApiError(404, "resource_not_found", `No route ${request.method} ${request.path}.`);
}

/** Cookies the app's domain should carry for this client: the session token and the client's last-update stamp. */
async function handshakeCookies(
  context: FapiContext,
  client: Client | null,
  devBrowser: string | null,
) {
  const session =
    client?.lastActiveSessionId === null || client === null
      ? null
      : context.store.session(client.lastActiveSessionId);
  const cookies: string[] = [];
  if (session?.status === "active") {
    const token = await sessionToken(context.keys, session, null);
    cookies.push(`__session=${token}; Path=/; SameSite=Lax; Max-Age=${SESSION_TOKEN_SECONDS}`);
    cookies.push(
      `__client_uat=${Math.floor((client?.updatedAt ?? Date.now()) / 1000)}; Path=/; SameSite=Lax; Max-Age=31536000`,
    );
  } else {
    cookies.push("__session=; Path=/; SameSite=Lax; Max-Age=0");
    cookies.push("__client_uat=0; Path=/; SameSite=Lax; Max-Age=31536000");
  }
  if (devBrowser !== null)
    cookies.push(`__clerk_db_jwt=${devBrowser}; Path=/; SameSite=Lax; Max-Age=31536000`);
  return cookies;
}

async function handshake(context: FapiContext, request: ParsedRequest): Promise<FapiResult> {
  const redirect = request.query.get("redirect_url");
  if (redirect === null || !/^https?:\/\//.test(redirect)) {
    throw new ApiError(400, "form_param_missing", "redirect_url is required.", "redirect_url");
  }
  // The handshake carries a session token to redirect_url: only this machine's apps may receive it
  // (Clerk itself allows only the instance's configured origins).
  if (!isLoopbackUrl(redirect)) {
    throw new ApiError(
      400,
      "form_param_value_invalid",
      "redirect_url must point at an app on this machine (localhost or 127.0.0.1).",
      "redirect_url",
    );
  }
  const devBrowser = devBrowserId(request) ?? `dvb_${randomBytes(16).toString("base64url")}`;
  const client = context.store.clientFor(devBrowser);
  const cookies = await handshakeCookies(context, client, devBrowser);
  const target = new URL(redirect);
  if (request.query.get("format") === "nonce") {
    const nonce = randomBytes(16).toString("base64url");
    context.handshakeNonces.set(nonce, cookies);
    target.searchParams.set("__clerk_handshake_nonce", nonce);
  } else {
    target.searchParams.set("__clerk_handshake", await handshakeToken(context.keys, cookies));
  }
  return { kind: "redirect", location: target.toString() };
}

export async function handleFapi(
  context: FapiContext,
  request: ParsedRequest,
): Promise<FapiResult | null> {
  const parts = request.path.split("/").filter(Boolean);
  if (parts[0] !== "v1") return null;
  const [resource, ...rest] = parts.slice(1);
  if (resource === "dev_browser" && request.method === "POST") {
    return json({ id: `dvb_${randomBytes(16).toString("base64url")}`, object: "dev_browser" });
  }
  if (resource === "environment")
    return json(environmentJson(context.applicationName, context.issuer));
  if (resource !== "client") return null;
  if (rest[0] === "handshake") return handshake(context, request);
  const client = requireClient(context, request);
  const [sub, ...subRest] = rest;
  if (sub === undefined) {
    if (request.method === "DELETE") {
      context.store.endSessions(client);
      return withClient(context, request, client, clientJson(context.store, client, new Map()));
    }
    const tokens = await tokensFor(context, client, request.headers.origin ?? null);
    return json({ response: clientJson(context.store, client, tokens), client: null });
  }
  if (sub === "sign_ins") return signIns(context, request, client, subRest);
  if (sub === "sign_ups") return signUps(context, request, client, subRest);
  if (sub === "sessions") return sessions(context, request, client, subRest);
  return null;
}
