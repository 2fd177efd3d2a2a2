// Users, clients (one per dev browser), sessions and sign-in/sign-up attempts, persisted in the data folder.
// Only what Clerk keeps is kept: a client is stored once it holds a session or an attempt in progress (a dev
// browser that only looks costs nothing), ended sessions and abandoned attempts are deleted, and the number of
// clients without a session is capped, so anonymous traffic cannot grow the state without bound.
import { createHash, randomBytes, scryptSync, timingSafeEqual } from "node:crypto";
import { mkdirSync } from "node:fs";

import { SEEDED_USERS } from "@repo/local-server/seeded-users";

import { ApiError } from "./http";
import { DEFAULT_MAX_USERS, SESSION_LIFETIME_MS, SIGN_ATTEMPT_LIFETIME_MS } from "./instance";
import type { Change, Tables } from "./state-file";
import { apply, StateFile } from "./state-file";

export interface User {
  id: string;
  emailId: string;
  /** Null when the instance signs users up by username alone. */
  email: string | null;
  /** Lower-case; null unless the instance has usernames (settings `identifiers`). */
  username: string | null;
  firstName: string | null;
  lastName: string | null;
  passwordHash: string;
  createdAt: number;
  updatedAt: number;
  lastSignInAt: number | null;
  /** Failed sign-in verifications since the last success or lockout (user lockout). */
  failedAttempts: number;
  /** Epoch ms until which sign-in is refused, or null. */
  lockedUntil: number | null;
}

export interface Session {
  id: string;
  userId: string;
  clientId: string;
  status: "active" | "ended" | "removed";
  createdAt: number;
  updatedAt: number;
  lastActiveAt: number;
  expireAt: number;
}

export interface SignIn {
  id: string;
  /** The client that started it: only that client may read or complete it. */
  clientId: string;
  identifier: string;
  userId: string | null;
  status: "needs_identifier" | "needs_first_factor" | "complete";
  createdSessionId: string | null;
  attempts: number;
  createdAt: number;
  abandonAt: number;
}

export interface SignUp {
  id: string;
  clientId: string;
  email: string | null;
  username: string | null;
  firstName: string | null;
  lastName: string | null;
  status: "missing_requirements" | "complete";
  createdUserId: string | null;
  createdSessionId: string | null;
  createdAt: number;
  abandonAt: number;
}

export interface Client {
  id: string;
  devBrowserId: string;
  sessionIds: string[];
  lastActiveSessionId: string | null;
  /** The client's latest sign-in / sign-up (shown as `sign_in` / `sign_up` while not complete). */
  signInId: string | null;
  signUpId: string | null;
  createdAt: number;
  updatedAt: number;
}

/** A one-time sign-in ticket made through the Backend API (`POST /v1/sign_in_tokens`). */
export interface SignInToken {
  id: string;
  userId: string;
  token: string;
  status: "pending" | "accepted" | "revoked";
  expiresAt: number;
  createdAt: number;
  updatedAt: number;
}

interface Records {
  users: User;
  clients: Client;
  sessions: Session;
  signIns: SignIn;
  signUps: SignUp;
  signInTokens: SignInToken;
}

const TABLES = ["users", "clients", "sessions", "signIns", "signUps", "signInTokens"] as const;

/** Clients without a session (sign-ins / sign-ups in progress) kept at most by default; past it, a 429. */
export const MAX_PENDING_CLIENTS = 10_000;
/** How often expired records are swept out (also on every start). */
const SWEEP_EVERY_MS = 60_000;

export interface LockoutPolicy {
  /** Failed verifications that lock the user; 0 disables lockout. */
  maxAttempts: number;
  durationMs: number;
}

/** The user events Clerk's webhooks carry. */
export type UserEventType = "user.created" | "user.updated" | "user.deleted";

export interface StoreLimits {
  /** Clients without a session kept at most (default MAX_PENDING_CLIENTS). */
  maxPendingClients?: number;
  /** Users at most, seeded ones included (default: Clerk's development-instance cap). */
  maxUsers?: number;
  /** Told of every user created (seeded ones too), updated (locked, unlocked) or deleted: the webhooks. */
  onUserChange?: (type: UserEventType, user: User) => void;
}

export const newId = (prefix: string) => `${prefix}_${randomBytes(12).toString("base64url")}`;

/** A client's id follows from its dev browser id, so a client that was never stored (or was swept) keeps its id. */
const clientIdFor = (devBrowserId: string) =>
  `client_${createHash("sha256").update(devBrowserId).digest("base64url").slice(0, 27)}`;

export function hashPassword(password: string): string {
  const salt = randomBytes(16);
  return `${salt.toString("hex")}:${scryptSync(password, salt, 32).toString("hex")}`;
}

export function passwordMatches(password: string, stored: string): boolean {
  const [salt, hash] = stored.split(":");
  if (salt === undefined || hash === undefined) return false;
  const expected = Buffer.from(hash, "hex");
  const actual = scryptSync(password, Buffer.from(salt, "hex"), expected.length);
  return timingSafeEqual(actual, expected);
}

export class Store {
  private readonly file: StateFile<Records>;
  private readonly tables: Tables<Records>;
  private readonly userIdByEmail = new Map<string, string>();
  private readonly userIdByUsername = new Map<string, string>();
  private readonly clientIdByDevBrowser = new Map<string, string>();
  private lastSweep = 0;

  private readonly maxPendingClients: number;
  private readonly maxUsers: number;
  private readonly onUserChange: NonNullable<StoreLimits["onUserChange"]>;

  constructor(dataDir: string, limits: StoreLimits = {}) {
    this.onUserChange = limits.onUserChange ?? (() => undefined);
    this.maxPendingClients = limits.maxPendingClients ?? MAX_PENDING_CLIENTS;
    this.maxUsers = limits.maxUsers ?? DEFAULT_MAX_USERS;
    mkdirSync(dataDir, { recursive: true });
    this.file = new StateFile<Records>(dataDir, TABLES);
    this.tables = this.file.load();
    for (const user of Object.values(this.tables.users)) {
      // Users stored before lockout existed lack its fields.
      const stored: Partial<User> = user;
      user.failedAttempts = stored.failedAttempts ?? 0;
      user.lockedUntil = stored.lockedUntil ?? null;
      // Users stored before usernames existed lack the field.
      user.username = stored.username ?? null;
      this.index(user);
    }
    for (const client of Object.values(this.tables.clients))
      this.clientIdByDevBrowser.set(client.devBrowserId, client.id);
    this.sweep();
    for (const seed of SEEDED_USERS) {
      if (this.userByEmail(seed.email) === null) this.createUser(seed, { seeded: true });
    }
    // Start from a snapshot of what is live: the log restarts empty.
    this.file.compact(this.tables);
  }

  close(): void {
    this.file.close();
  }

  /** Applies and durably records one request's changes. */
  private write(changes: Change<Records>[]): void {
    for (const change of changes) {
      const [table, id, record] = change;
      if (table === "clients") {
        const stored = this.tables.clients[id];
        if (stored !== undefined) this.clientIdByDevBrowser.delete(stored.devBrowserId);
        if (record !== null) this.clientIdByDevBrowser.set(record.devBrowserId, id);
      }
      if (table === "users" && record !== null) this.index(record);
      apply(this.tables, change);
    }
    this.file.append(changes, () => this.tables);
  }

  private sweepIfDue(): void {
    if (Date.now() - this.lastSweep > SWEEP_EVERY_MS) this.sweep();
  }

  /** Deletes ended or expired sessions, abandoned attempts and clients left with nothing to remember. */
  sweep(now = Date.now()): void {
    this.lastSweep = now;
    const changes: Change<Records>[] = [];
    for (const session of Object.values(this.tables.sessions))
      if (session.status !== "active" || session.expireAt < now)
        changes.push(["sessions", session.id, null]);
    for (const signIn of Object.values(this.tables.signIns))
      if (signIn.abandonAt < now || this.tables.clients[signIn.clientId] === undefined)
        changes.push(["signIns", signIn.id, null]);
    for (const signUp of Object.values(this.tables.signUps))
      if (signUp.abandonAt < now || this.tables.clients[signUp.clientId] === undefined)
        changes.push(["signUps", signUp.id, null]);
    for (const token of Object.values(this.tables.signInTokens))
      if (token.expiresAt < now) changes.push(["signInTokens", token.id, null]);
    const gone = new Set(changes.map(([, id]) => id));
    const keep = (id: string | null, table: Record<string, unknown>) =>
      id !== null && !gone.has(id) && table[id] !== undefined ? id : null;
    for (const client of Object.values(this.tables.clients)) {
      const sessionIds = client.sessionIds.filter((id) => keep(id, this.tables.sessions) !== null);
      const signInId = keep(client.signInId, this.tables.signIns);
      const signUpId = keep(client.signUpId, this.tables.signUps);
      if (sessionIds.length === 0 && signInId === null && signUpId === null) {
        changes.push(["clients", client.id, null]);
      } else if (
        sessionIds.length !== client.sessionIds.length ||
        signInId !== client.signInId ||
        signUpId !== client.signUpId
      ) {
        const last = client.lastActiveSessionId;
        changes.push([
          "clients",
          client.id,
          {
            ...client,
            sessionIds,
            lastActiveSessionId:
              last !== null && sessionIds.includes(last) ? last : (sessionIds.at(-1) ?? null),
            signInId,
            signUpId,
          },
        ]);
      }
    }
    this.write(changes);
  }

  /** Counts of stored records (for tests and diagnostics). */
  sizes(): Record<(typeof TABLES)[number], number> {
    return Object.fromEntries(
      TABLES.map((table) => [table, Object.keys(this.tables[table]).length]),
    ) as Record<(typeof TABLES)[number], number>;
  }

  private index(user: User): void {
    if (user.email !== null) this.userIdByEmail.set(user.email, user.id);
    if (user.username !== null) this.userIdByUsername.set(user.username, user.id);
  }

  userByUsername(username: string): User | null {
    const id = this.userIdByUsername.get(username.trim().toLowerCase());
    return id === undefined ? null : (this.tables.users[id] ?? null);
  }

  userByEmail(email: string): User | null {
    const id = this.userIdByEmail.get(email.trim().toLowerCase());
    return id === undefined ? null : (this.tables.users[id] ?? null);
  }

  user(id: string): User | null {
    return this.tables.users[id] ?? null;
  }

  users(): User[] {
    return Object.values(this.tables.users);
  }

  createUser(
    input: {
      email: string | null;
      username?: string | null;
      password: string;
      firstName?: string | null;
      lastName?: string | null;
    },
    options: { seeded?: boolean } = {},
  ): User {
    const count = Object.keys(this.tables.users).length;
    if (options.seeded !== true && count >= this.maxUsers) {
      throw new ApiError(
        403,
        "user_quota_exceeded",
        `User quota exceeded (${this.maxUsers}): delete users through the Backend API or raise CLERK_LOCAL_MAX_USERS.`,
        undefined,
        {
          longMessage: `You have reached your limit of ${this.maxUsers} users. If you need more users, please use a Production instance.`,
        },
      );
    }
    const now = Date.now();
    const user: User = {
      id: newId("user"),
      emailId: newId("idn"),
      email: input.email?.trim().toLowerCase() ?? null,
      username: input.username?.trim().toLowerCase() ?? null,
      firstName: input.firstName ?? null,
      lastName: input.lastName ?? null,
      passwordHash: hashPassword(input.password),
      createdAt: now,
      updatedAt: now,
      lastSignInAt: null,
      failedAttempts: 0,
      lockedUntil: null,
    };
    this.write([["users", user.id, user]]);
    this.onUserChange("user.created", user);
    return user;
  }

  /** Deletes the user and signs them out everywhere (their sessions go; clients left with nothing go too). */
  deleteUser(user: User): void {
    const sessions = Object.values(this.tables.sessions).filter((s) => s.userId === user.id);
    const ended = new Set(sessions.map((session) => session.id));
    const changes: Change<Records>[] = sessions.map((session) => ["sessions", session.id, null]);
    for (const client of Object.values(this.tables.clients)) {
      if (!client.sessionIds.some((id) => ended.has(id))) continue;
      const sessionIds = client.sessionIds.filter((id) => !ended.has(id));
      changes.push(
        sessionIds.length === 0 && client.signInId === null && client.signUpId === null
          ? ["clients", client.id, null]
          : [
              "clients",
              client.id,
              { ...client, sessionIds, lastActiveSessionId: sessionIds.at(-1) ?? null },
            ],
      );
    }
    changes.push(["users", user.id, null]);
    if (user.email !== null) this.userIdByEmail.delete(user.email);
    if (user.username !== null) this.userIdByUsername.delete(user.username);
    // Its sign-in tokens name nobody now.
    for (const token of Object.values(this.tables.signInTokens))
      if (token.userId === user.id) changes.push(["signInTokens", token.id, null]);
    this.write(changes);
    this.onUserChange("user.deleted", user);
  }

  /** Epoch ms until which the user may not sign in, or null when not locked. */
  lockedUntil(user: User, now = Date.now()): number | null {
    return user.lockedUntil !== null && user.lockedUntil > now ? user.lockedUntil : null;
  }

  /** Counts a failed verification; at the policy's limit the user is locked for its duration. */
  recordFailedAttempt(user: User, policy: LockoutPolicy): void {
    user.failedAttempts += 1;
    if (policy.maxAttempts > 0 && user.failedAttempts >= policy.maxAttempts) {
      user.failedAttempts = 0;
      user.lockedUntil = Date.now() + policy.durationMs;
    }
    this.write([["users", user.id, user]]);
  }

  /** Locks (until the given time) or unlocks (null) the user, as the Backend API's lock / unlock do. */
  setLock(user: User, lockedUntil: number | null): void {
    user.lockedUntil = lockedUntil;
    user.failedAttempts = 0;
    user.updatedAt = Date.now();
    this.write([["users", user.id, user]]);
    this.onUserChange("user.updated", user);
  }

  /** The client behind a dev browser id. A new one is not stored until it holds something (see `admit`). */
  clientFor(devBrowserId: string): Client {
    const id = this.clientIdByDevBrowser.get(devBrowserId);
    const existing = id === undefined ? undefined : this.tables.clients[id];
    if (existing !== undefined) return existing;
    const now = Date.now();
    return {
      id: clientIdFor(devBrowserId),
      devBrowserId,
      sessionIds: [],
      lastActiveSessionId: null,
      signInId: null,
      signUpId: null,
      createdAt: now,
      updatedAt: now,
    };
  }

  /** Refuses to store one more client without a session once MAX_PENDING_CLIENTS are stored. */
  private admit(client: Client): void {
    this.sweepIfDue();
    if (this.tables.clients[client.id] !== undefined) return;
    const pending = Object.values(this.tables.clients).filter(
      (stored) => stored.sessionIds.length === 0,
    ).length;
    // Expired ones go at the next sweep (at most a minute away), not one per refused request.
    if (pending < this.maxPendingClients) return;
    throw new ApiError(
      429,
      "too_many_requests",
      `Too many sign-ins and sign-ups in progress (${this.maxPendingClients}); try again once some finish or are abandoned.`,
    );
  }

  session(id: string): Session | null {
    const session = this.tables.sessions[id] ?? null;
    if (session?.status === "active" && session.expireAt < Date.now()) session.status = "ended";
    return session;
  }

  activeSessions(client: Client): Session[] {
    return client.sessionIds
      .map((id) => this.session(id))
      .filter((session): session is Session => session?.status === "active");
  }

  /** Signs the user in on this client (single-session mode: other sessions on the client end). */
  startSession(client: Client, user: User): Session {
    this.sweepIfDue();
    const now = Date.now();
    const session: Session = {
      id: newId("sess"),
      userId: user.id,
      clientId: client.id,
      status: "active",
      createdAt: now,
      updatedAt: now,
      lastActiveAt: now,
      expireAt: now + SESSION_LIFETIME_MS,
    };
    const ended = client.sessionIds;
    client.sessionIds = [session.id];
    client.lastActiveSessionId = session.id;
    client.updatedAt = now;
    user.lastSignInAt = now;
    user.failedAttempts = 0;
    this.write([
      ...ended.map((id): Change<Records> => ["sessions", id, null]),
      ["sessions", session.id, session],
      ["clients", client.id, client],
      ["users", user.id, user],
    ]);
    return session;
  }

  touch(client: Client, session: Session): void {
    session.lastActiveAt = Date.now();
    client.lastActiveSessionId = session.id;
    this.write([
      ["sessions", session.id, session],
      ["clients", client.id, client],
    ]);
  }

  /** Ends one session, or all of the client's; a client left with nothing is forgotten (its id stays the same). */
  endSessions(client: Client, sessionId?: string): void {
    const ending = client.sessionIds.filter((id) => sessionId === undefined || id === sessionId);
    const attempts: Change<Records>[] = [];
    if (client.signInId !== null) attempts.push(["signIns", client.signInId, null]);
    if (client.signUpId !== null) attempts.push(["signUps", client.signUpId, null]);
    const stored = this.tables.clients[client.id] !== undefined;
    client.sessionIds = client.sessionIds.filter((id) => !ending.includes(id));
    client.lastActiveSessionId = client.sessionIds.at(-1) ?? null;
    client.signInId = null;
    client.signUpId = null;
    client.updatedAt = Date.now();
    if (!stored) return;
    this.write([
      ...ending.map((id): Change<Records> => ["sessions", id, null]),
      ...attempts,
      client.sessionIds.length === 0
        ? ["clients", client.id, null]
        : ["clients", client.id, client],
    ]);
  }

  /** The client's own sign-in with this id; another client's is not found. */
  signIn(client: Client, id: string | null): SignIn | null {
    const signIn = id === null ? null : (this.tables.signIns[id] ?? null);
    return signIn?.clientId === client.id && signIn.abandonAt >= Date.now() ? signIn : null;
  }

  newSignIn(
    client: Client,
    fields: Pick<SignIn, "identifier" | "userId" | "status" | "createdSessionId" | "attempts">,
  ): SignIn {
    const now = Date.now();
    return {
      id: newId("sia"),
      clientId: client.id,
      createdAt: now,
      abandonAt: now + SIGN_ATTEMPT_LIFETIME_MS,
      ...fields,
    };
  }

  /** Stores the client's sign-in; a client has one at a time, so the one it replaces is deleted. */
  putSignIn(client: Client, signIn: SignIn): SignIn {
    this.admit(client);
    const replaced = client.signInId;
    client.signInId = signIn.id;
    client.updatedAt = Date.now();
    this.write([
      ...(replaced !== null && replaced !== signIn.id
        ? [["signIns", replaced, null] as Change<Records>]
        : []),
      ["signIns", signIn.id, signIn],
      ["clients", client.id, client],
    ]);
    return signIn;
  }

  /** The client's own sign-up with this id; another client's is not found. */
  signUp(client: Client, id: string | null): SignUp | null {
    const signUp = id === null ? null : (this.tables.signUps[id] ?? null);
    return signUp?.clientId === client.id && signUp.abandonAt >= Date.now() ? signUp : null;
  }

  newSignUp(client: Client): SignUp {
    const now = Date.now();
    return {
      id: newId("sua"),
      clientId: client.id,
      email: null,
      username: null,
      firstName: null,
      lastName: null,
      status: "missing_requirements",
      createdUserId: null,
      createdSessionId: null,
      createdAt: now,
      abandonAt: now + SIGN_ATTEMPT_LIFETIME_MS,
    };
  }

  putSignUp(client: Client, signUp: SignUp): SignUp {
    this.admit(client);
    const replaced = client.signUpId;
    client.signUpId = signUp.id;
    client.updatedAt = Date.now();
    this.write([
      ...(replaced !== null && replaced !== signUp.id
        ? [["signUps", replaced, null] as Change<Records>]
        : []),
      ["signUps", signUp.id, signUp],
      ["clients", client.id, client],
    ]);
    return signUp;
  }

  signInToken(id: string): SignInToken | null {
    return this.tables.signInTokens[id] ?? null;
  }

  signInTokenByTicket(ticket: string): SignInToken | null {
    return Object.values(this.tables.signInTokens).find((token) => token.token === ticket) ?? null;
  }

  putSignInToken(token: SignInToken): SignInToken {
    this.write([["signInTokens", token.id, token]]);
    return token;
  }
}
