// Auth0's own logout endpoint, GET /v2/logout?client_id=…&returnTo=… (https://auth0.com/docs/api/authentication#logout):
// ends the Auth0 session, then redirects to `returnTo` if it is one of the application's Allowed Logout URLs.
// The session is ended by oidc-provider's RP-initiated logout (/oidc/logout), which this hands over to.
import type Provider from "oidc-provider";

import { HttpError } from "./http";
import { ROUTES } from "./provider";

/** Where to send the browser: the end_session URL carrying the checked returnTo, or an HttpError. */
export async function v2LogoutLocation(
  provider: Provider,
  query: URLSearchParams,
): Promise<string> {
  const clientId = query.get("client_id");
  const returnTo = query.get("returnTo");
  const target = new URLSearchParams();
  if (clientId !== null) {
    const client = await provider.Client.find(clientId);
    if (client === undefined)
      throw new HttpError(400, "invalid_request", `Unknown client: ${clientId}`);
    target.set("client_id", clientId);
    // Without returnTo, Auth0 sends the browser to the application's first Allowed Logout URL.
    const first = client.postLogoutRedirectUris?.[0];
    if (returnTo === null && first !== undefined) target.set("post_logout_redirect_uri", first);
    if (returnTo !== null) {
      // Auth0 refuses a returnTo that is not an Allowed Logout URL of the application (and shows an error page).
      if (!client.postLogoutRedirectUriAllowed(returnTo)) {
        throw new HttpError(
          400,
          "invalid_request",
          `The "returnTo" querystring parameter "${returnTo}" is not defined as a valid URL in "Allowed Logout URLs".`,
        );
      }
      target.set("post_logout_redirect_uri", returnTo);
    }
  } else if (returnTo !== null) {
    // Without client_id Auth0 checks the tenant's Allowed Logout URLs; this tenant has none.
    throw new HttpError(
      400,
      "invalid_request",
      `The "returnTo" querystring parameter "${returnTo}" is not defined as a valid URL in "Allowed Logout URLs".`,
    );
  }
  const query_ = target.toString();
  return query_ === "" ? ROUTES.end_session : `${ROUTES.end_session}?${query_}`;
}
