// The Frontend API (what clerk-js and the prebuilt components call), for a development instance: the client is
// identified by its dev browser id (`__clerk_db_jwt`), not by a cookie on a Clerk domain.
import { randomBytes } from "node:crypto";

import { isLoopbackUrl } from "@repo/local-server/loopback";

import type { ServerContext } from "./context";
import { withSuffixedCopies } from "./cookie-suffix";
import { OPTIONAL_SIGN_UP_FIELDS, withoutEmpty } from "./form-fields";
import type { ParsedRequest } from "./http";
import { ApiError } from "./http";
import { identifierPrompt, missingFields, newIdentifiers, userByIdentifier } from "./identifiers";
import { SESSION_TOKEN_SECONDS } from "./instance";
import { checkName, checkPassword } from "./new-user";
import { clientJson, environmentJson, sessionJson, signInJson, signUpJson } from "./resources";
import type { Handler, Params, Route, RouteResult } from "./router";
import { json } from "./router";
import { redeemTicket } from "./sign-in-tokens";
import type { Client, Session, User } from "./store";
import { passwordMatches } from "./store";
import { handshakeToken, sessionToken, templateToken, UnknownTemplateError } from "./tokens";

function devBrowserId(request: ParsedRequest): string | null {
  const fromQuery = request.query.get("__clerk_db_jwt");
  if (fromQuery !== null && fromQuery !== "") return fromQuery;
  const cookie = request.headers.cookie ?? "";
  const match = /(?:^|;\s*)__clerk_db_jwt(?:_[^=]+)?=([^;]+)/.exec(cookie);
  return match?.[1] ?? null;
}

function requireClient(context: ServerContext, request: ParsedRequest): Client {
  const id = devBrowserId(request);
  if (id === null)
    throw new ApiError(401, "dev_browser_unauthenticated", "Dev browser is missing or invalid.");
  return context.store.clientFor(id);
}

type ClientHandler = (
  context: ServerContext,
  request: ParsedRequest,
  client: Client,
  params: Params,
) => Promise<RouteResult>;

/** A route under `/v1/client`: it acts for the client behind the caller's dev browser. */
const forClient =
  (handler: ClientHandler): Handler =>
  (context, request, params) =>
    handler(context, request, requireClient(context, request), params);

async function tokensFor(context: ServerContext, client: Client, origin: string | null) {
  const tokens = new Map<string, string>();
  for (const session of context.store.activeSessions(client)) {
    tokens.set(session.id, await sessionToken(context, session, origin));
  }
  return tokens;
}

async function withClient(
  context: ServerContext,
  request: ParsedRequest,
  client: Client,
  response: unknown,
) {
  const tokens = await tokensFor(context, client, request.headers.origin ?? null);
  return json({ response, client: clientJson(context.store, client, tokens, context.settings) });
}

function activeSession(
  context: ServerContext,
  client: Client,
  sessionId: string | undefined,
): Session {
  const session = sessionId === undefined ? null : context.store.session(sessionId);
  if (session?.clientId !== client.id || session.status !== "active") {
    throw new ApiError(404, "resource_not_found", "Session not found or no longer active.");
  }
  return session;
}

/**
 * Clerk's lockout error: `user_locked` with the seconds left in `meta.lockout_expires_in_seconds` (the code
 * `isUserLockedError` in @clerk/shared matches). The text is the one Clerk's <SignIn/> shows (clerk/clerk-docs
 * user-lock guide: "Your account is locked. You will be able to try again in 59 minutes. For more information,
 * please contact support."). The HTTP status is not documented; 403 is this server's choice.
 */
function lockedError(until: number): ApiError {
  const seconds = Math.max(1, Math.ceil((until - Date.now()) / 1000));
  const minutes = Math.ceil(seconds / 60);
  return new ApiError(403, "user_locked", "Account locked", undefined, {
    longMessage: `Your account is locked. You will be able to try again in ${minutes} minute${minutes === 1 ? "" : "s"}. For more information, please contact support.`,
    meta: { lockout_expires_in_seconds: seconds },
  });
}

function refuseIfLocked(context: ServerContext, user: User): void {
  const until = context.store.lockedUntil(user);
  if (until !== null) throw lockedError(until);
}

function identify(context: ServerContext, identifier: string): User {
  const user = userByIdentifier(context.store, context.settings, identifier);
  if (user === null) {
    throw new ApiError(
      422,
      "form_identifier_not_found",
      "Couldn't find your account.",
      "identifier",
    );
  }
  refuseIfLocked(context, user);
  return user;
}

/** Checks the password; a wrong one counts towards the user's lockout, and the attempt that reaches it says so. */
function passwordAttempt(context: ServerContext, client: Client, user: User, password: string) {
  refuseIfLocked(context, user);
  if (!passwordMatches(password, user.passwordHash)) {
    context.store.recordFailedAttempt(user, context.lockout);
    refuseIfLocked(context, user);
    throw new ApiError(
      422,
      "form_password_incorrect",
      "Password is incorrect. Try again, or use another method.",
      "password",
    );
  }
  return context.store.startSession(client, user);
}

/** `strategy=ticket`: a sign-in token from the Backend API signs its user in at once, no password. */
const ticketSignIn: ClientHandler = async (context, request, client) => {
  const { store } = context;
  // A locked user stays locked out, and keeps the unspent ticket.
  const user = redeemTicket(store, request.body.ticket, (owner) => refuseIfLocked(context, owner));
  const session = store.startSession(client, user);
  const done = store.putSignIn(
    client,
    store.newSignIn(client, {
      identifier: user.email ?? user.username ?? user.id,
      userId: user.id,
      attempts: 1,
      status: "complete",
      createdSessionId: session.id,
    }),
  );
  return withClient(context, request, client, signInJson(done, user));
};

/**
 * Offline, users sign in with a password (or a sign-in token) only. A strategy that would send a code or a link
 * (email_code, reset_password_email_code, ...) is refused rather than answered 200 with nothing sent.
 */
function refuseUnavailableStrategy(strategy: string | undefined): void {
  if (strategy === undefined || strategy === "password") return;
  throw new ApiError(
    422,
    "strategy_for_user_invalid",
    `The ${strategy} strategy is not enabled: only password sign-in is available offline ` +
      "(a forgotten password is reset with the Backend API's updateUser).",
    "strategy",
  );
}

const createSignIn: ClientHandler = async (context, request, client, params) => {
  const { store } = context;
  if (request.body.strategy === "ticket") return ticketSignIn(context, request, client, params);
  refuseUnavailableStrategy(request.body.strategy);
  const identifier = (request.body.identifier ?? "").trim();
  if (identifier === "")
    throw new ApiError(422, "form_param_nil", identifierPrompt(context.settings), "identifier");
  const user = identify(context, identifier);
  const fields = { identifier, userId: user.id, createdSessionId: null, attempts: 0 };
  const password = request.body.password;
  if (request.body.strategy === "password" && password !== undefined) {
    const session = passwordAttempt(context, client, user, password);
    const done = store.putSignIn(
      client,
      store.newSignIn(client, {
        ...fields,
        attempts: 1,
        status: "complete",
        createdSessionId: session.id,
      }),
    );
    return withClient(context, request, client, signInJson(done, user));
  }
  const pending = store.putSignIn(
    client,
    store.newSignIn(client, { ...fields, status: "needs_first_factor" }),
  );
  return withClient(context, request, client, signInJson(pending, user));
};

/** The caller's own sign-in: an id from another client is not found (Clerk answers 404 as well). */
function existingSignIn(context: ServerContext, client: Client, params: Params) {
  const signIn = context.store.signIn(client, params.id ?? null);
  const user = signIn?.userId == null ? null : context.store.user(signIn.userId);
  if (signIn === null || user === null)
    throw new ApiError(404, "resource_not_found", "Sign-in not found.");
  return { signIn, user };
}

const readSignIn: ClientHandler = (context, request, client, params) => {
  const { signIn, user } = existingSignIn(context, client, params);
  return withClient(context, request, client, signInJson(signIn, user));
};

/** Nothing to prepare for a password; any other strategy is refused. */
const prepareFirstFactor: ClientHandler = (context, request, client, params) => {
  const { signIn, user } = existingSignIn(context, client, params);
  refuseUnavailableStrategy(request.body.strategy);
  return withClient(context, request, client, signInJson(signIn, user));
};

const attemptFirstFactor: ClientHandler = (context, request, client, params) => {
  const { store } = context;
  const { signIn, user } = existingSignIn(context, client, params);
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
    const session = passwordAttempt(context, client, user, request.body.password ?? "");
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
};

/** Creates (POST) or updates (PATCH, with the id) a sign-up; it completes once email and password are both given. */
const writeSignUp: ClientHandler = (context, request, client, params) => {
  const { store, settings } = context;
  const existing = params.id === undefined ? null : store.signUp(client, params.id);
  if (params.id !== undefined && existing === null)
    throw new ApiError(404, "resource_not_found", "Sign-up not found.");
  const fields = withoutEmpty(request.body, OPTIONAL_SIGN_UP_FIELDS);
  const given = newIdentifiers(store, settings, {
    email: fields.email_address,
    username: fields.username,
  });
  const email = given.email ?? existing?.email ?? null;
  const username = given.username ?? existing?.username ?? null;
  const firstName = checkName(fields.first_name ?? existing?.firstName ?? null, "first_name");
  const lastName = checkName(fields.last_name ?? existing?.lastName ?? null, "last_name");
  const password = fields.password;
  if (password !== undefined) checkPassword(password);
  const base = existing ?? store.newSignUp(client);
  const values = { email, username, firstName, lastName };
  if (
    password === undefined ||
    missingFields(settings, { ...values, hasPassword: true }).length > 0
  ) {
    const pending = store.putSignUp(client, { ...base, ...values });
    return withClient(context, request, client, signUpJson(pending, settings));
  }
  const user = store.createUser({ ...values, password });
  const session = store.startSession(client, user);
  const done = store.putSignUp(client, {
    ...base,
    ...values,
    status: "complete",
    createdUserId: user.id,
    createdSessionId: session.id,
  });
  return withClient(context, request, client, signUpJson(done, settings));
};

const readSignUp: ClientHandler = (context, request, client, params) => {
  const signUp = context.store.signUp(client, params.id ?? null);
  if (signUp === null) throw new ApiError(404, "resource_not_found", "Sign-up not found.");
  return withClient(context, request, client, signUpJson(signUp, context.settings));
};

function sessionWithUser(context: ServerContext, client: Client, params: Params) {
  const session = activeSession(context, client, params.id);
  const user = context.store.user(session.userId);
  if (user === null) throw new ApiError(404, "resource_not_found", "User not found.");
  return { session, user };
}

const readSession: ClientHandler = (context, request, client, params) => {
  const { session, user } = sessionWithUser(context, client, params);
  return withClient(context, request, client, sessionJson(session, user, null));
};

const touchSession: ClientHandler = async (context, request, client, params) => {
  const { session, user } = sessionWithUser(context, client, params);
  context.store.touch(client, session);
  const token = await sessionToken(context, session, request.headers.origin ?? null);
  return withClient(context, request, client, sessionJson(session, user, token));
};

const sessionTokenRoute: ClientHandler = async (context, request, client, params) => {
  const { session, user } = sessionWithUser(context, client, params);
  try {
    const jwt =
      params.template === undefined
        ? await sessionToken(context, session, request.headers.origin ?? null)
        : await templateToken(context, params.template, session, user);
    // Token responses are bare, not wrapped in { response, client }.
    return json({ object: "token", jwt });
  } catch (error) {
    if (error instanceof UnknownTemplateError)
      throw new ApiError(404, "resource_not_found", error.message);
    throw error;
  }
};

const endSession: ClientHandler = (context, request, client, params) => {
  const { session, user } = sessionWithUser(context, client, params);
  context.store.endSessions(client, session.id);
  return withClient(context, request, client, sessionJson(session, user, null));
};

const signOut: ClientHandler = (context, request, client) => {
  context.store.endSessions(client);
  return withClient(
    context,
    request,
    client,
    clientJson(context.store, client, new Map(), context.settings),
  );
};

const readClient: ClientHandler = async (context, request, client) => {
  const tokens = await tokensFor(context, client, request.headers.origin ?? null);
  return json({
    response: clientJson(context.store, client, tokens, context.settings),
    client: null,
  });
};

/** Cookies the app's domain should carry for this client: the session token and the client's last-update stamp. */
async function handshakeCookies(
  context: ServerContext,
  client: Client | null,
  devBrowser: string | null,
) {
  const session =
    client?.lastActiveSessionId === null || client === null
      ? null
      : context.store.session(client.lastActiveSessionId);
  const cookies: string[] = [];
  if (session?.status === "active") {
    const token = await sessionToken(context, session, null);
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

const handshake: Handler = async (context, request) => {
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
  const unsuffixed = await handshakeCookies(context, client, devBrowser);
  const cookies =
    request.query.get("suffixed_cookies") === "true" ? withSuffixedCopies(unsuffixed) : unsuffixed;
  const target = new URL(redirect);
  if (request.query.get("format") === "nonce") {
    const nonce = randomBytes(16).toString("base64url");
    context.handshakeNonces.set(nonce, cookies);
    target.searchParams.set("__clerk_handshake_nonce", nonce);
  } else {
    target.searchParams.set("__clerk_handshake", await handshakeToken(context.keys, cookies));
  }
  return { kind: "redirect", location: target.toString() };
};

const createDevBrowser: Handler = () =>
  json({ id: `dvb_${randomBytes(16).toString("base64url")}`, object: "dev_browser" });

const environment: Handler = (context) =>
  json(environmentJson(context.applicationName, context.url, context.settings));

const client = (method: Route["method"], path: string, handler: ClientHandler): Route => ({
  method,
  path: `/v1/client${path}`,
  handler: forClient(handler),
});

export const FAPI_ROUTES: readonly Route[] = [
  { method: "POST", path: "/v1/dev_browser", handler: createDevBrowser },
  { method: "GET", path: "/v1/environment", handler: environment },
  { method: "PATCH", path: "/v1/environment", handler: environment },
  // Before any `/v1/client` route: it works without a dev browser (it creates one).
  { method: "GET", path: "/v1/client/handshake", handler: handshake },
  client("GET", "", readClient),
  // clerk-js creates the client with PUT (`Client.create`); here every dev browser already has one.
  client("PUT", "", readClient),
  client("POST", "", readClient),
  client("DELETE", "", signOut),
  client("POST", "/sign_ins", createSignIn),
  client("GET", "/sign_ins/:id", readSignIn),
  client("POST", "/sign_ins/:id/attempt_first_factor", attemptFirstFactor),
  client("POST", "/sign_ins/:id/prepare_first_factor", prepareFirstFactor),
  client("POST", "/sign_ups", writeSignUp),
  client("GET", "/sign_ups/:id", readSignUp),
  client("PATCH", "/sign_ups/:id", writeSignUp),
  client("DELETE", "/sessions", signOut),
  client("GET", "/sessions/:id", readSession),
  client("POST", "/sessions/:id/touch", touchSession),
  client("POST", "/sessions/:id/tokens", sessionTokenRoute),
  client("POST", "/sessions/:id/tokens/:template", sessionTokenRoute),
  client("POST", "/sessions/:id/end", endSession),
  client("POST", "/sessions/:id/remove", endSession),
];
