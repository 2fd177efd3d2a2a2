// When an ID token counts as due for a refresh, for the server (./tokens.ts) and the browser's hook alike. No
// dependencies: it is in the client bundle.

/** Refresh this long before the ID token expires, so a token handed out is still valid when Convex checks it. */
export const EXPIRY_MARGIN_S = 60;

/** The token's `exp` (seconds), unverified: only for timing. Undefined when it cannot be read. */
export function jwtExpiry(token: string): number | undefined {
  try {
    const payload = token.split(".")[1] ?? "";
    const json = atob(payload.replace(/-/g, "+").replace(/_/g, "/"));
    const { exp } = JSON.parse(json) as { exp?: unknown };
    return typeof exp === "number" ? exp : undefined;
  } catch {
    return undefined;
  }
}

/** Milliseconds until the token is due (0 when it already is, or cannot be read). */
export function msUntilDue(token: string, nowMs = Date.now()): number {
  const exp = jwtExpiry(token);
  return exp === undefined ? 0 : Math.max(0, (exp - EXPIRY_MARGIN_S) * 1000 - nowMs);
}
