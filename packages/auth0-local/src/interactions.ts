// The login step of the authorization flow (Auth0's Universal Login at /u/login): oidc-provider hands the browser
// here with an interaction id bound to a signed cookie, so a form posted from elsewhere (CSRF) has no interaction.
import type { IncomingMessage, ServerResponse } from "node:http";

import { SEEDED_PASSWORD, SEEDED_USERS } from "@repo/local-server/seeded-users";
import type Provider from "oidc-provider";
import { errors } from "oidc-provider";

import type { Accounts } from "./accounts";
import type { FlavorSettings } from "./flavor";
import { readForm } from "./http";
import { renderLoginPage, renderMessagePage } from "./pages";

// Auth0's message for a failed database login (the `invalid_user_password` error of Universal Login).
export const WRONG_CREDENTIALS = "Wrong email or password.";

const hint = `Offline users: ${SEEDED_USERS.map((user) => user.email).join(", ")} (password ${SEEDED_PASSWORD}).`;

/**
 * `form-action` for the login form: this server, and the origin of the client's (already validated) redirect_uri.
 * Browsers apply form-action to every redirect after the post too (CSP3), and a successful login ends in a redirect
 * to the application's callback: with 'self' alone, Chrome blocks that last hop and the login never completes.
 */
function formAction(redirectUri: unknown): string {
  if (typeof redirectUri !== "string") return "'self'";
  try {
    const { origin, protocol } = new URL(redirectUri);
    return /^https?:$/.test(protocol) ? `'self' ${origin}` : "'self'";
  } catch {
    return "'self'";
  }
}

function sendHtml(
  response: ServerResponse,
  status: number,
  html: string,
  redirectUri?: unknown,
): void {
  response.writeHead(status, {
    "content-type": "text/html; charset=utf-8",
    "cache-control": "no-store",
    // The page runs no script and may not be framed (clickjacking on the password form).
    "content-security-policy": `default-src 'none'; style-src 'unsafe-inline'; form-action ${formAction(redirectUri)}; frame-ancestors 'none'`,
    "x-frame-options": "DENY",
  });
  response.end(html);
}

export async function handleLogin(
  provider: Provider,
  accounts: Accounts,
  flavor: FlavorSettings,
  uid: string,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  let details: Awaited<ReturnType<Provider["interactionDetails"]>>;
  try {
    details = await provider.interactionDetails(request, response);
  } catch {
    sendHtml(
      response,
      400,
      renderMessagePage(
        "Login session expired",
        "This login page is no longer valid. Go back to the application and sign in again.",
      ),
    );
    return;
  }
  if (details.uid !== uid) {
    sendHtml(
      response,
      400,
      renderMessagePage(
        "Invalid login page",
        "The login link does not match this browser's session.",
      ),
    );
    return;
  }
  const client = await provider.Client.find(String(details.params.client_id));
  const clientName = client?.clientName ?? client?.clientId ?? "the application";
  const form = {
    uid,
    clientName,
    hint,
    serverName: flavor.name,
    action: `${flavor.loginPrefix}/${encodeURIComponent(uid)}`,
  };

  // Consent for a first-party client: complete at once (Auth0 shows no consent screen for the tenant's own apps).
  if (details.prompt.name === "consent") {
    const accountId = details.session?.accountId;
    if (accountId === undefined)
      throw new errors.SessionNotFound("consent prompt without a session");
    const grant =
      details.grantId === undefined
        ? new provider.Grant({ accountId, clientId: String(details.params.client_id) })
        : await provider.Grant.find(details.grantId);
    if (grant === undefined) throw new errors.InvalidRequest("the interaction's grant has expired");
    const missing = details.prompt.details as {
      missingOIDCScope?: string[];
      missingOIDCClaims?: string[];
      missingResourceScopes?: Record<string, string[]>;
    };
    if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(" "));
    if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
    for (const [resource, scopes] of Object.entries(missing.missingResourceScopes ?? {}))
      grant.addResourceScope(resource, scopes.join(" "));
    const grantId = await grant.save();
    await provider.interactionFinished(
      request,
      response,
      { consent: { grantId } },
      { mergeWithLastSubmission: true },
    );
    return;
  }

  if (request.method === "GET") {
    const loginHint = details.params.login_hint;
    sendHtml(
      response,
      200,
      renderLoginPage({
        ...form,
        ...(typeof loginHint === "string" ? { email: loginHint } : {}),
      }),
      details.params.redirect_uri,
    );
    return;
  }
  const posted = await readForm(request);
  const username = posted.get("username") ?? "";
  const password = posted.get("password") ?? "";
  const account =
    username === "" || password === "" ? undefined : accounts.authenticate(username, password);
  if (account === undefined) {
    sendHtml(
      response,
      400,
      renderLoginPage({ ...form, email: username, error: WRONG_CREDENTIALS }),
      details.params.redirect_uri,
    );
    return;
  }
  await provider.interactionFinished(
    request,
    response,
    { login: { accountId: account.userId } },
    { mergeWithLastSubmission: false },
  );
}
