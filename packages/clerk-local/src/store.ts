// Users, clients (one per dev browser), sessions and sign-in/sign-up attempts, persisted as JSON in the data folder.
import { randomBytes, scryptSync, timingSafeEqual } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";

import { SEEDED_USERS, SESSION_LIFETIME_MS } from "./instance";

export interface User {
  id: string;
  emailId: string;
  email: string;
  firstName: string | null;
  lastName: string | null;
  passwordHash: string;
  createdAt: number;
  updatedAt: number;
  lastSignInAt: number | null;
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
  identifier: string;
  userId: string | null;
  status: "needs_identifier" | "needs_first_factor" | "complete";
  createdSessionId: string | null;
  attempts: number;
}

export interface SignUp {
  id: string;
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  status: "missing_requirements" | "complete";
  createdUserId: string | null;
  createdSessionId: string | null;
}

export interface Client {
  id: string;
  devBrowserId: string;
  sessionIds: string[];
  lastActiveSessionId: string | null;
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

interface State {
  users: Record<string, User>;
  clients: Record<string, Client>;
  sessions: Record<string, Session>;
  signIns: Record<string, SignIn>;
  signUps: Record<string, SignUp>;
  signInTokens: Record<string, SignInToken>;
}

export const newId = (prefix: string) => `${prefix}_${randomBytes(12).toString("base64url")}`;

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
  private readonly path: string;
  private state: State;

  constructor(dataDir: string) {
    mkdirSync(dataDir, { recursive: true });
    this.path = join(dataDir, "state.json");
    const empty: State = {
      users: {},
      clients: {},
      sessions: {},
      signIns: {},
      signUps: {},
      signInTokens: {},
    };
    // Spread over the empty state: a file written before a record kind existed lacks its key.
    this.state = existsSync(this.path)
      ? { ...empty, ...(JSON.parse(readFileSync(this.path, "utf8")) as Partial<State>) }
      : empty;
    for (const seed of SEEDED_USERS) {
      if (this.userByEmail(seed.email) === null) this.createUser(seed);
    }
  }

  save(): void {
    const tmp = `${this.path}.tmp`;
    writeFileSync(tmp, JSON.stringify(this.state));
    renameSync(tmp, this.path);
  }

  userByEmail(email: string): User | null {
    const wanted = email.trim().toLowerCase();
    return Object.values(this.state.users).find((user) => user.email === wanted) ?? null;
  }

  user(id: string): User | null {
    return this.state.users[id] ?? null;
  }

  users(): User[] {
    return Object.values(this.state.users);
  }

  createUser(input: {
    email: string;
    password: string;
    firstName?: string | null;
    lastName?: string | null;
  }): User {
    const now = Date.now();
    const user: User = {
      id: newId("user"),
      emailId: newId("idn"),
      email: input.email.trim().toLowerCase(),
      firstName: input.firstName ?? null,
      lastName: input.lastName ?? null,
      passwordHash: hashPassword(input.password),
      createdAt: now,
      updatedAt: now,
      lastSignInAt: null,
    };
    this.state.users[user.id] = user;
    this.save();
    return user;
  }

  /** The client behind a dev browser id, created on first use. */
  clientFor(devBrowserId: string): Client {
    const existing = Object.values(this.state.clients).find(
      (client) => client.devBrowserId === devBrowserId,
    );
    if (existing !== undefined) return existing;
    const now = Date.now();
    const client: Client = {
      id: newId("client"),
      devBrowserId,
      sessionIds: [],
      lastActiveSessionId: null,
      signInId: null,
      signUpId: null,
      createdAt: now,
      updatedAt: now,
    };
    this.state.clients[client.id] = client;
    this.save();
    return client;
  }

  session(id: string): Session | null {
    const session = this.state.sessions[id] ?? null;
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
    const now = Date.now();
    for (const session of this.activeSessions(client)) session.status = "ended";
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
    this.state.sessions[session.id] = session;
    client.sessionIds = [...this.activeSessions(client).map((s) => s.id), session.id];
    client.lastActiveSessionId = session.id;
    client.updatedAt = now;
    user.lastSignInAt = now;
    this.save();
    return session;
  }

  endSessions(client: Client, sessionId?: string): void {
    for (const session of this.activeSessions(client)) {
      if (sessionId === undefined || session.id === sessionId) session.status = "ended";
    }
    client.sessionIds = this.activeSessions(client).map((session) => session.id);
    client.lastActiveSessionId = client.sessionIds.at(-1) ?? null;
    client.signInId = null;
    client.signUpId = null;
    client.updatedAt = Date.now();
    this.save();
  }

  signIn(id: string | null): SignIn | null {
    return id === null ? null : (this.state.signIns[id] ?? null);
  }

  putSignIn(client: Client, signIn: SignIn): SignIn {
    this.state.signIns[signIn.id] = signIn;
    client.signInId = signIn.status === "complete" ? null : signIn.id;
    this.save();
    return signIn;
  }

  signUp(id: string | null): SignUp | null {
    return id === null ? null : (this.state.signUps[id] ?? null);
  }

  putSignUp(client: Client, signUp: SignUp): SignUp {
    this.state.signUps[signUp.id] = signUp;
    client.signUpId = signUp.status === "complete" ? null : signUp.id;
    this.save();
    return signUp;
  }

  signInToken(id: string): SignInToken | null {
    return this.state.signInTokens[id] ?? null;
  }

  signInTokenByTicket(ticket: string): SignInToken | null {
    return Object.values(this.state.signInTokens).find((token) => token.token === ticket) ?? null;
  }

  putSignInToken(token: SignInToken): SignInToken {
    this.state.signInTokens[token.id] = token;
    this.save();
    return token;
  }
}
