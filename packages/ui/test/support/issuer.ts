// A tiny OIDC issuer with its own RSA key (node:crypto only), so Convex can verify tokens signed in a test.
import { createSign, generateKeyPairSync, randomUUID } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

export interface Issuer {
  url: string;
  /** A token Convex accepts: signed by the published key, aud "convex", valid for an hour. */
  sign(subject?: string, claims?: Record<string, unknown>): string;
  /** Same claims, signed by a key the issuer never published: Convex must reject it. */
  forge(subject?: string): string;
  stop(): Promise<void>;
}

const base64url = (value: string | Buffer) => Buffer.from(value).toString("base64url");

export async function startIssuer(): Promise<Issuer> {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const stranger = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const jwk = { ...publicKey.export({ format: "jwk" }), kid: "test-key", alg: "RS256", use: "sig" };
  let url = "";
  const server = createServer((request, response) => {
    response.setHeader("content-type", "application/json");
    // The backend runs in the test's happy-dom globals, whose fetch enforces CORS.
    response.setHeader("access-control-allow-origin", "*");
    if (request.url === "/.well-known/openid-configuration") {
      response.end(JSON.stringify({ issuer: url, jwks_uri: `${url}/.well-known/jwks.json` }));
    } else if (request.url === "/.well-known/jwks.json") {
      response.end(JSON.stringify({ keys: [jwk] }));
    } else {
      response.statusCode = 404;
      response.end("{}");
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const token = (key: typeof privateKey, subject: string, claims: Record<string, unknown>) => {
    const now = Math.floor(Date.now() / 1000);
    const header = base64url(JSON.stringify({ alg: "RS256", kid: "test-key", typ: "JWT" }));
    const payload = base64url(
      JSON.stringify({
        name: "Test User",
        ...claims,
        iss: url,
        sub: subject,
        aud: "convex",
        iat: now,
        exp: now + 3600,
        jti: randomUUID(),
      }),
    );
    const signature = createSign("RSA-SHA256").update(`${header}.${payload}`).sign(key);
    return `${header}.${payload}.${base64url(signature)}`;
  };
  return {
    url,
    sign: (subject = "user_1", claims = {}) => token(privateKey, subject, claims),
    forge: (subject = "user_1") => token(stranger.privateKey, subject, {}),
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
