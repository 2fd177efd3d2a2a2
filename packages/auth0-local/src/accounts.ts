// The users: the seeded users of @repo/local-server (the same as clerk-local's: emails, names and password),
// stored with Auth0-style ids (`auth0|<24 hex>`, the Username-Password-Authentication connection's form) and scrypt
// password hashes.
import { createHash, randomBytes, scryptSync, timingSafeEqual } from "node:crypto";
import { existsSync, mkdirSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";

import { SEEDED_USERS } from "@repo/local-server/seeded-users";

import { readDataFile } from "./data-file";

/** A user to seed: the shape of @repo/local-server's SEEDED_USERS. */
export interface SeedUser {
  email: string;
  password: string;
  firstName: string;
  lastName: string;
}

export interface Account {
  /** The `sub` claim: `auth0|<id>` (the auth0 flavor), or the bare id. */
  userId: string;
  email: string;
  givenName: string;
  familyName: string;
  passwordHash: string;
  createdAt: string;
}

function hashPassword(password: string, salt = randomBytes(16).toString("base64url")): string {
  return `scrypt$${salt}$${scryptSync(password, salt, 32).toString("base64url")}`;
}

function passwordMatches(password: string, stored: string): boolean {
  const [, salt, hash] = stored.split("$");
  if (salt === undefined || hash === undefined) return false;
  const expected = Buffer.from(hash, "base64url");
  const actual = scryptSync(password, salt, 32);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

export class Accounts {
  private readonly path: string;
  private readonly byId = new Map<string, Account>();

  constructor(
    dataDir: string,
    private readonly subjectPrefix = "auth0|",
    extraUsers: readonly SeedUser[] = [],
  ) {
    mkdirSync(dataDir, { recursive: true });
    this.path = join(dataDir, "users.json");
    if (existsSync(this.path)) {
      for (const account of readDataFile(this.path, isAccountList) as Account[])
        this.byId.set(account.userId, account);
    }
    let changed = false;
    for (const seeded of [...SEEDED_USERS, ...extraUsers]) {
      if (this.findByEmail(seeded.email) !== undefined) continue;
      this.add(seeded.email, seeded.password, seeded.firstName, seeded.lastName);
      changed = true;
    }
    if (changed) this.save();
  }

  private add(email: string, password: string, givenName: string, familyName: string): Account {
    const account: Account = {
      userId: `${this.subjectPrefix}${randomBytes(12).toString("hex")}`,
      email: email.toLowerCase(),
      givenName,
      familyName,
      passwordHash: hashPassword(password),
      createdAt: new Date().toISOString(),
    };
    this.byId.set(account.userId, account);
    return account;
  }

  private save(): void {
    // Write-then-rename: a crash mid-write never leaves a truncated users.json behind.
    const temp = `${this.path}.tmp`;
    writeFileSync(temp, JSON.stringify([...this.byId.values()], null, 2), { mode: 0o600 });
    renameSync(temp, this.path);
  }

  get(userId: string): Account | undefined {
    return this.byId.get(userId);
  }

  findByEmail(email: string): Account | undefined {
    const wanted = email.trim().toLowerCase();
    for (const account of this.byId.values()) if (account.email === wanted) return account;
    return undefined;
  }

  /** The account when the email and password match, else undefined (the caller shows one message for both). */
  authenticate(email: string, password: string): Account | undefined {
    const account = this.findByEmail(email);
    // Hash even for an unknown email so timing does not tell which emails exist.
    if (account === undefined) {
      passwordMatches(password, hashPassword("unused"));
      return undefined;
    }
    return passwordMatches(password, account.passwordHash) ? account : undefined;
  }
}

/** The profile claims Auth0 puts in ID tokens and /userinfo for a database user. */
export function profileClaims(
  account: Account,
): { sub: string } & Record<string, string | boolean> {
  return {
    sub: account.userId,
    name: `${account.givenName} ${account.familyName}`,
    given_name: account.givenName,
    family_name: account.familyName,
    nickname: account.email.split("@")[0] ?? account.email,
    // Auth0's default picture for database users: the email's Gravatar.
    picture: `https://s.gravatar.com/avatar/${createHash("md5").update(account.email).digest("hex")}?s=480&r=pg&d=mp`,
    updated_at: account.createdAt,
    email: account.email,
    email_verified: true,
  };
}

function isAccountList(value: unknown): boolean {
  return (
    Array.isArray(value) &&
    value.every((item: Partial<Account> | null) =>
      (["userId", "email", "givenName", "familyName", "passwordHash", "createdAt"] as const).every(
        (key) => typeof item?.[key] === "string",
      ),
    )
  );
}
