// The shared secret of the cached pages' revalidation path (convex/convex/revalidation.ts → each app's
// /api/revalidate), so it works offline with zero config: generated on first start into the stack's data folder
// (owner-only, like the other servers' keys), handed to the apps as REVALIDATE_SECRET and to Convex's deployment env
// with the apps' URLs. Hosted, you set the same two variables yourself (README: cached pages).
import { randomBytes } from "node:crypto";
import { join } from "node:path";

import { loadOrCreateKeyFile } from "@repo/local-server/key-file";

import type { StackSettings } from "./env";

interface SecretFile {
  secret: string;
}

const isSecretFile = (value: unknown): value is SecretFile =>
  typeof value === "object" &&
  value !== null &&
  typeof (value as { secret?: unknown }).secret === "string" &&
  /^[0-9a-f]{64}$/.test((value as SecretFile).secret);

/** The stack's revalidation secret: 32 random bytes, hex, the same on every start until the data is reset. */
export function revalidationSecret(dataDir: string): string {
  return loadOrCreateKeyFile(join(dataDir, "revalidate-secret.json"), {
    owner: "offline-stack",
    create: () => ({ secret: randomBytes(32).toString("hex") }),
    isValid: isSecretFile,
  }).secret;
}

export interface RevalidationEnv {
  /** For the apps: the secret their endpoint accepts. */
  app: { REVALIDATE_SECRET: string };
  /** For Convex's deployment env: the secret it sends, and where. */
  convex: { REVALIDATE_SECRET: string; REVALIDATE_URLS: string };
}

export function revalidationEnv(settings: StackSettings): RevalidationEnv {
  const secret = revalidationSecret(settings.dataDir);
  return {
    app: { REVALIDATE_SECRET: secret },
    convex: { REVALIDATE_SECRET: secret, REVALIDATE_URLS: settings.appUrls.join(",") },
  };
}
