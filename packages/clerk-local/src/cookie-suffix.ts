// Suffixed cookies: SDKs that share a domain with other Clerk apps name their cookies `<name>_<suffix>`, the suffix
// derived from the publishable key, and say so in the handshake with `suffixed_cookies=true`. The handshake must
// then set those names too: left alone, a stale `__session_<suffix>` outlives the fresh `__session`, and an SDK that
// reads the suffixed one sees an expired token.
import { createHash } from "node:crypto";

import { PUBLISHABLE_KEY } from "./instance";

/** @clerk/shared's getCookieSuffix: base64url of the key's SHA-1, first 8 characters (keys.mjs). */
export const COOKIE_SUFFIX = createHash("sha1")
  .update(PUBLISHABLE_KEY)
  .digest("base64url")
  .slice(0, 8);

/** The cookies clerk-js and the server SDKs also keep under the suffixed name. */
const SUFFIXED = new Set(["__session", "__client_uat", "__clerk_db_jwt"]);

/** Each `Set-Cookie` value for a suffixed cookie, followed by the same cookie under its suffixed name. */
export function withSuffixedCopies(cookies: readonly string[]): string[] {
  return cookies.flatMap((cookie) => {
    const name = cookie.slice(0, cookie.indexOf("="));
    return SUFFIXED.has(name)
      ? [cookie, `${name}_${COOKIE_SUFFIX}${cookie.slice(name.length)}`]
      : [cookie];
  });
}
