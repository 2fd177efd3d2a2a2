// The signing key (JWKS) and cookie-signing keys: generated on first start, kept in the data folder (git-ignored),
// so ID tokens, access tokens and browser sessions stay valid across restarts.
import { generateKeyPairSync, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

import type { JWK } from "oidc-provider";

import { readDataFile } from "./data-file";

export interface ProviderKeys {
  /** Private RSA JWK (with kid, alg RS256, use sig) in the shape oidc-provider's `jwks` option takes. */
  signingKey: JWK;
  /** Keys for oidc-provider's signed cookies (Koa keygrip). */
  cookieKeys: string[];
}

export function keysPath(dataDir: string): string {
  return join(dataDir, "keys.json");
}

export function loadOrCreateKeys(dataDir: string): ProviderKeys {
  mkdirSync(dataDir, { recursive: true });
  const path = keysPath(dataDir);
  if (existsSync(path)) return readDataFile(path, isProviderKeys) as ProviderKeys;
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const keys: ProviderKeys = {
    signingKey: {
      ...(privateKey.export({ format: "jwk" }) as JWK),
      kid: randomBytes(12).toString("base64url"),
      alg: "RS256",
      use: "sig",
    },
    cookieKeys: [randomBytes(32).toString("base64url")],
  };
  writeFileSync(path, JSON.stringify(keys, null, 2), { mode: 0o600 });
  return keys;
}

function isProviderKeys(value: unknown): boolean {
  const keys = value as Partial<ProviderKeys> | null;
  return (
    typeof keys?.signingKey?.kid === "string" &&
    typeof keys.signingKey.d === "string" &&
    Array.isArray(keys.cookieKeys) &&
    keys.cookieKeys.length > 0
  );
}
