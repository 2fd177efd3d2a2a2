// The deployment's admin key, as a self-hosted Convex backend has one: `<instance name>|<hex>` (what
// generate_admin_key.sh prints), generated on the first start of a data dir and kept there (mode 0600, never
// committed: .data/ is ignored); an in-memory backend makes a fresh one per start. The CLI and dashboard send it as
// `Authorization: Convex <key>`; every admin route checks it with requireAdmin().
import { randomBytes, timingSafeEqual } from "node:crypto";
import { join } from "node:path";

import { loadOrCreateKeyFile } from "@repo/local-server/key-file";

import type { ApiHandler } from "./http";
import { HttpError } from "./http";

/** The file, inside the data dir, that holds the key. */
export const ADMIN_KEY_FILE = "admin-key.json";

interface AdminKeyFile {
  adminKey: string;
}

/** Convex's self-hosted key: the instance name, "|", then a version byte (01) and 48 random bytes, in hex. */
export function generateAdminKey(instanceName: string): string {
  return `${instanceName}|01${randomBytes(48).toString("hex")}`;
}

const isAdminKeyFile = (value: unknown): value is AdminKeyFile =>
  typeof value === "object" &&
  value !== null &&
  typeof (value as { adminKey?: unknown }).adminKey === "string" &&
  /^[^|\s]+\|[0-9a-f]{32,}$/.test((value as AdminKeyFile).adminKey);

/** The data dir's key (created on first start), or a fresh one for an in-memory backend. */
export function loadOrCreateAdminKey(dataDir: string | null, instanceName: string): string {
  if (dataDir === null) return generateAdminKey(instanceName);
  return loadOrCreateKeyFile(join(dataDir, ADMIN_KEY_FILE), {
    owner: "convex-local",
    create: () => ({ adminKey: generateAdminKey(instanceName) }),
    isValid: isAdminKeyFile,
  }).adminKey;
}

/** Whether the header carries an admin key (`Convex …`) rather than a user token or nothing. */
export function isAdminAuthorization(header: string | undefined): boolean {
  return header?.startsWith("Convex ") === true;
}

/** Constant-time: how long the compare takes says nothing about how much of a guess was right. */
export function adminKeyMatches(candidate: string, adminKey: string): boolean {
  const a = Buffer.from(candidate, "utf8");
  const b = Buffer.from(adminKey, "utf8");
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Throws Convex's 401 `{ code, message }` unless `header` is `Convex <the admin key>`. The CLI may append
 * `:<base64 identity>` (run --identity: act as that user); that suffix is returned, undefined if absent.
 */
export function requireAdmin(
  header: string | undefined,
  adminKey: string,
): { actingAs: string | undefined } {
  if (header === undefined || header === "") {
    throw new HttpError(
      401,
      "MissingAdminKey",
      "This route needs the deployment's admin key: send `Authorization: Convex <admin key>` (convex-local prints it at start).",
    );
  }
  if (!isAdminAuthorization(header)) {
    throw new HttpError(
      401,
      "BadAdminKey",
      "This route needs the deployment's admin key (`Authorization: Convex <admin key>`), not a user token.",
    );
  }
  const value = header.slice("Convex ".length).trim();
  // The key itself never holds ":"; anything after the first one is the acting-as identity.
  const colon = value.indexOf(":");
  const key = colon === -1 ? value : value.slice(0, colon);
  if (!adminKeyMatches(key, adminKey)) {
    throw new HttpError(
      401,
      "BadAdminKey",
      "The provided admin key was invalid for this deployment. Use the key convex-local printed at start (CONVEX_SELF_HOSTED_ADMIN_KEY).",
    );
  }
  return { actingAs: colon === -1 ? undefined : value.slice(colon + 1) };
}

/** A route handler that is the admin's alone: the key is checked before anything is read or written. */
export const adminOnly =
  (handler: ApiHandler): ApiHandler =>
  (context, request, response, params) => {
    requireAdmin(request.headers.authorization, context.adminKey);
    return handler(context, request, response, params);
  };
