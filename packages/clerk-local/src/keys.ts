// The instance's signing key and secret key: generated on first start, kept in the data folder (git-ignored).
import { createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes } from "node:crypto";
import type { KeyObject } from "node:crypto";
import { join } from "node:path";

import { loadOrCreateKeyFile } from "@repo/local-server/key-file";

export interface InstanceKeys {
  kid: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** SPKI PEM: what `CLERK_JWT_KEY` / `jwtKey` take for networkless verification. */
  publicPem: string;
  publicJwk: Record<string, string>;
  secretKey: string;
}

interface StoredKeys {
  kid: string;
  privatePem: string;
  secretKey: string;
}

function createStoredKeys(): StoredKeys {
  const { privateKey } = generateKeyPairSync("rsa", {
    modulusLength: 2048,
    publicExponent: 0x10001,
  });
  return {
    kid: `ins_offline_${randomBytes(6).toString("hex")}`,
    privatePem: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
    secretKey: `sk_test_offline${randomBytes(18).toString("base64url")}`,
  };
}

/** Three non-empty strings, the key an RSA private key: anything else was not written by this server. */
function isStoredKeys(value: unknown): value is StoredKeys {
  const stored = value as Partial<StoredKeys> | null;
  if (
    typeof stored?.kid !== "string" ||
    stored.kid === "" ||
    typeof stored.secretKey !== "string" ||
    stored.secretKey === "" ||
    typeof stored.privatePem !== "string"
  )
    return false;
  try {
    return createPrivateKey(stored.privatePem).asymmetricKeyType === "rsa";
  } catch {
    return false;
  }
}

export function loadOrCreateKeys(dataDir: string): InstanceKeys {
  const stored = loadOrCreateKeyFile(join(dataDir, "signing-key.json"), {
    owner: "clerk-local",
    create: createStoredKeys,
    isValid: isStoredKeys,
  });
  const privateKey = createPrivateKey(stored.privatePem);
  const publicKey = createPublicKey(privateKey);
  const jwk = publicKey.export({ format: "jwk" }) as Record<string, string>;
  return {
    kid: stored.kid,
    privateKey,
    publicKey,
    publicPem: publicKey.export({ type: "spki", format: "pem" }).toString(),
    publicJwk: { ...jwk, kid: stored.kid, alg: "RS256", use: "sig" },
    secretKey: stored.secretKey,
  };
}
