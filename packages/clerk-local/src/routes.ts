// Every route the server answers (besides the static browser bundles), in one table: OIDC discovery for Convex,
// the Backend API and the Frontend API.
import { RouteTable } from "@repo/local-server/route-table";

import { BAPI_ROUTES } from "./bapi";
import { FAPI_ROUTES } from "./fapi";
import { ApiError } from "./http";
import type { Handler, Route } from "./router";
import { json } from "./router";

/**
 * The discovery document for the issuer Convex trusts. Its endpoints are this server's: with the Convex integration
 * the issuer is Clerk's Frontend API host, which does not resolve offline (the local Convex backend is told to
 * fetch this document here instead), so the keys must come from here too.
 */
function oidc(issuer: string, url: string) {
  return {
    issuer,
    jwks_uri: `${url}/.well-known/jwks.json`,
    authorization_endpoint: `${url}/oauth/authorize`,
    token_endpoint: `${url}/oauth/token`,
    response_types_supported: ["code"],
    subject_types_supported: ["public"],
    id_token_signing_alg_values_supported: ["RS256"],
    claims_supported: [
      "sub",
      "iss",
      "aud",
      "exp",
      "iat",
      "name",
      "email",
      "email_verified",
      "picture",
    ],
  };
}

const SERVER_ROUTES: readonly Route[] = [
  { method: "GET", path: "/health", handler: () => json({ status: "ok" }) },
  {
    method: "GET",
    path: "/.well-known/openid-configuration",
    handler: (context) => json(oidc(context.issuer, context.url)),
  },
  {
    method: "GET",
    path: "/.well-known/jwks.json",
    handler: (context) => json({ keys: [context.keys.publicJwk] }),
  },
];

export const ROUTES: readonly Route[] = [...SERVER_ROUTES, ...BAPI_ROUTES, ...FAPI_ROUTES];

/**
 * No 405: Clerk answers a path known under another method with 404, and so does this table. Empty segments and a
 * trailing slash are ignored (`/v1//client/` is `/v1/client`), as this server's own matcher did before the kit's.
 */
export const router = new RouteTable<Handler>(ROUTES, {
  notFound: (method, path) =>
    new ApiError(404, "resource_not_found", `No route ${method} ${path}.`),
  ignoreTrailingSlash: true,
  ignoreDuplicateSlashes: true,
});
