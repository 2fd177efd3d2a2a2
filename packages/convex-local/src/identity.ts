// Turns an Authorization header into the caller's identity.
import type { UserIdentity } from "convex/server";

import type { TokenVerifier } from "./auth";
import { AuthError } from "./auth";

/** null = anonymous. Throws AuthError for a malformed header or a token that fails verification. */
export async function identityFromHeader(
  header: string | undefined,
  verifier: TokenVerifier,
): Promise<UserIdentity | null> {
  if (header === undefined || header === "") return null;
  const [scheme, token] = header.split(" ", 2);
  if (scheme === "Bearer" && token !== undefined && token !== "")
    return await verifier.verify(token);
  if (scheme === "Convex") {
    throw new AuthError("Admin keys are not supported by the local backend; use a user token.");
  }
  throw new AuthError('Authorization header must be "Bearer <token>".');
}
