// The HTTPS listener's certificate: self-signed, generated on first start and kept in the data dir (mode 0600), so
// a browser told to trust it (Chromium: --ignore-certificate-errors-spki-list=<spkiHash>) keeps trusting it across
// restarts. Renewed when it has less than a month left.
import { createHash, X509Certificate } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

import { generate } from "selfsigned";

import { FRONTEND_API_HOST } from "./instance";

export const HTTPS_CERT_FILE = "https-cert.json";
const VALIDITY_DAYS = 397;
const RENEW_BEFORE_MS = 30 * 24 * 3600 * 1000;

export interface HttpsCert {
  cert: string;
  key: string;
  /** base64 SHA-256 of the certificate's SubjectPublicKeyInfo: what Chromium's SPKI allow-list takes. */
  spkiHash: string;
}

export function spkiHash(certPem: string): string {
  const spki = new X509Certificate(certPem).publicKey.export({ type: "spki", format: "der" });
  return createHash("sha256").update(spki).digest("base64");
}

function usable(certPem: string): boolean {
  try {
    return Date.parse(new X509Certificate(certPem).validTo) - Date.now() > RENEW_BEFORE_MS;
  } catch {
    return false;
  }
}

export async function loadOrCreateHttpsCert(dataDir: string): Promise<HttpsCert> {
  const path = join(dataDir, HTTPS_CERT_FILE);
  if (existsSync(path)) {
    const stored = JSON.parse(readFileSync(path, "utf8")) as { cert?: unknown; key?: unknown };
    if (typeof stored.cert === "string" && typeof stored.key === "string" && usable(stored.cert))
      return { cert: stored.cert, key: stored.key, spkiHash: spkiHash(stored.cert) };
  }
  const now = new Date();
  const pems = await generate([{ name: "commonName", value: "clerk-local" }], {
    keySize: 2048,
    algorithm: "sha256",
    notBeforeDate: now,
    notAfterDate: new Date(now.getTime() + VALIDITY_DAYS * 24 * 3600 * 1000),
    extensions: [
      { name: "basicConstraints", cA: false },
      { name: "keyUsage", digitalSignature: true, keyEncipherment: true },
      { name: "extKeyUsage", serverAuth: true },
      {
        name: "subjectAltName",
        // The loopback names, and the Frontend API host of the publishable key (for a browser whose resolver maps
        // it here, so clerk-js without any proxy setting reaches this server).
        altNames: [
          { type: 2, value: "localhost" },
          { type: 2, value: FRONTEND_API_HOST },
          { type: 7, ip: "127.0.0.1" },
          { type: 7, ip: "::1" },
        ],
      },
    ],
  });
  writeFileSync(path, JSON.stringify({ cert: pems.cert, key: pems.private }, null, 2), {
    mode: 0o600,
  });
  return { cert: pems.cert, key: pems.private, spkiHash: spkiHash(pems.cert) };
}
