// The /api/clicks contract beyond POST bodies, as one table both routers' tests run (apps/app-router and
// apps/pages-router): methods other than GET and POST, the CORS preflight, and a repeated query parameter.
import type { ClicksError } from "../shared/clicksRequest";
import { CLICKS_ALLOWED_METHODS, METHOD_NOT_ALLOWED } from "../shared/clicksRequest";

export interface ClicksHttpCase {
  name: string;
  method: "GET" | "HEAD" | "OPTIONS" | "PUT" | "PATCH" | "DELETE";
  query: string;
  headers: Record<string, string>;
  status: number;
  /** The Allow header, when the answer must carry one. */
  allow: string | null;
  /** The JSON body; null for HEAD, which has none on the wire. */
  json: ClicksError | null;
}

const notAllowed = (method: ClicksHttpCase["method"], headers: Record<string, string> = {}) => ({
  method,
  query: "",
  headers,
  status: 405,
  allow: CLICKS_ALLOWED_METHODS,
  json: method === "HEAD" ? null : METHOD_NOT_ALLOWED,
});

export const CLICKS_HTTP_CASES: ClicksHttpCase[] = [
  { name: "HEAD", ...notAllowed("HEAD") },
  {
    name: "a CORS preflight from another origin",
    ...notAllowed("OPTIONS", {
      origin: "https://evil.example",
      "access-control-request-method": "POST",
      "access-control-request-headers": "content-type",
    }),
  },
  { name: "PUT", ...notAllowed("PUT") },
  { name: "PATCH", ...notAllowed("PATCH") },
  { name: "DELETE", ...notAllowed("DELETE") },
  {
    name: "a repeated counterName",
    method: "GET",
    query: "?counterName=a&counterName=b",
    headers: {},
    status: 400,
    allow: null,
    json: { error: "counterName must be given at most once." },
  },
];
