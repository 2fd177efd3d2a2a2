// The signing key (JWKS) and cookie-signing keys: generated on first start, kept in the data folder (git-ignored),
// so ID tokens, access tokens and browser sessions stay valid across restarts.
import { generateKeyPairSync, randomBytes } from "node:crypto";
import { join } from "node:path";

import { loadOrCreateKeyFile } from "@repo/local-server/key-file";
import type { JWK } from "oidc-provider";

export interface ProviderKeys {
  /** Private RSA JWK (with kid, alg RS256, use sig) in the shape oidc-provider's `jwks` option takes. */
  signingKey: JWK;
  /** Keys for oidc-provider's signed cookies (Koa keygrip). */
  cookieKeys: string[];
}

export function keysPath(dataDir: string): string {
  return join(dataDir, "keys.json");
}

function createKeys(): ProviderKeys {
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  return {
    signingKey: {
      ...(privateKey.export({ format: "jwk" }) as JWK),
      kid: randomBytes(12).toString("base64url"),
      alg: "RS256",
      use: "sig",
    },
    cookieKeys: [randomBytes(32).toString("base64url")],
  };
}

export function loadOrCreateKeys(dataDir: string): ProviderKeys {
  return loadOrCreateKeyFile(keysPath(dataDir), {
    owner: "auth0-local",
    create: createKeys,
    isValid: isProviderKeys,
  });
}

function isProviderKeys(value: unknown): value is ProviderKeys {
  const keys = value as Partial<ProviderKeys> | null;
  return (
    typeof keys?.signingKey?.kid === "string" &&
    typeof keys.signingKey.d === "string" &&
    Array.isArray(keys.cookieKeys) &&
    keys.cookieKeys.length > 0
  );
}
