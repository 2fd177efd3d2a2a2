// A tiny OIDC issuer with its own RSA key, for tests of code that talks to this backend as a signed-in user:
// point the backend's CLERK_JWT_ISSUER_DOMAIN at `url`, then authenticate with `sign()`.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

import type { JWTPayload } from "jose";
import { exportJWK, generateKeyPair, SignJWT } from "jose";

export interface Issuer {
  url: string;
  sign(
    claims?: JWTPayload,
    options?: { expiresIn?: string | number; audience?: string; issuer?: string },
  ): Promise<string>;
  /** A token signed by a key the issuer never published. */
  forge(claims?: JWTPayload): Promise<string>;
  stop(): Promise<void>;
}

export async function startIssuer(): Promise<Issuer> {
  const { privateKey, publicKey } = await generateKeyPair("RS256");
  const stranger = await generateKeyPair("RS256");
  const jwk = { ...(await exportJWK(publicKey)), kid: "test-key", alg: "RS256", use: "sig" };
  let url = "";
  const server = createServer((request, response) => {
    response.setHeader("content-type", "application/json");
    // Tests may run the backend under a DOM environment whose fetch enforces CORS.
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
  const build = (claims: JWTPayload, options: Parameters<Issuer["sign"]>[1] = {}) =>
    new SignJWT({ name: "Test User", email: "test@example.com", ...claims })
      .setProtectedHeader({ alg: "RS256", kid: "test-key" })
      .setIssuer(options.issuer ?? url)
      .setAudience(options.audience ?? "convex")
      .setSubject(typeof claims.sub === "string" ? claims.sub : "user_1")
      .setIssuedAt()
      .setJti(crypto.randomUUID())
      .setExpirationTime(options.expiresIn ?? "1h");
  return {
    url,
    sign: (claims = {}, options) => build(claims, options).sign(privateKey),
    forge: (claims = {}) => build(claims).sign(stranger.privateKey),
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
