// The instance's signing key and secret key: generated on first start, kept in the data folder (git-ignored).
import { createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes } from "node:crypto";
import type { KeyObject } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

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

export function loadOrCreateKeys(dataDir: string): InstanceKeys {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, "signing-key.json");
  let stored: StoredKeys;
  if (existsSync(path)) {
    stored = JSON.parse(readFileSync(path, "utf8")) as StoredKeys;
  } else {
    const { privateKey } = generateKeyPairSync("rsa", {
      modulusLength: 2048,
      publicExponent: 0x10001,
    });
    stored = {
      kid: `ins_offline_${randomBytes(6).toString("hex")}`,
      privatePem: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
      secretKey: `sk_test_offline${randomBytes(18).toString("base64url")}`,
    };
    writeFileSync(path, JSON.stringify(stored, null, 2), { mode: 0o600 });
  }
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
