// Consent for first-party applications: grant exactly what the request asked for (its OpenID scopes, claims and the
// audience's scopes), as Auth0 does for a tenant's own applications without showing a consent screen.
import type { Grant, KoaContextWithOIDC } from "oidc-provider";

export async function grantEverythingRequested(
  ctx: KoaContextWithOIDC,
  existing: Grant | undefined,
): Promise<Grant | undefined> {
  const { client, session, params } = ctx.oidc;
  if (client === undefined || session?.accountId === undefined) return existing;
  const grant =
    existing ??
    new ctx.oidc.provider.Grant({ clientId: client.clientId, accountId: session.accountId });
  const scope = typeof params?.scope === "string" ? params.scope : "";
  grant.addOIDCScope(scope);
  if (typeof params?.resource === "string") grant.addResourceScope(params.resource, scope);
  await grant.save();
  return grant;
}
