// The HTML pages: the login form (Auth0's Universal Login stand-in), the logout step, and the error page.
import type { KoaContextWithOIDC } from "oidc-provider";

const escapeHtml = (value: string) =>
  value.replace(
    /[&<>"']/g,
    (char) =>
      ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[char] ?? char,
  );

const STYLE =
  "body{font-family:system-ui,sans-serif;background:#f4f4f5;margin:0;display:grid;place-items:center;min-height:100vh}" +
  "main{background:#fff;padding:2rem;border-radius:8px;box-shadow:0 1px 4px #0002;width:min(360px,90vw)}" +
  "label{display:block;margin:.75rem 0 .25rem}input{width:100%;padding:.5rem;box-sizing:border-box}" +
  "button{margin-top:1.25rem;width:100%;padding:.6rem;background:#635dff;color:#fff;border:0;border-radius:4px}" +
  ".error{color:#b00020}small{color:#555}";

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body><main>${body}</main></body></html>`;
}

export function renderLoginPage(options: {
  /** The server's name (its flavor's) and the form's target. */
  serverName: string;
  action: string;
  clientName: string;
  email?: string;
  error?: string;
  hint: string;
}): string {
  const error =
    options.error === undefined
      ? ""
      : `<p class="error" role="alert">${escapeHtml(options.error)}</p>`;
  return page(
    `Log in | ${options.serverName}`,
    `<h1>Welcome</h1><p>Log in to continue to ${escapeHtml(options.clientName)}.</p>${error}` +
      `<form method="post" action="${escapeHtml(options.action)}">` +
      `<label for="username">Email address</label>` +
      `<input id="username" name="username" type="email" autocomplete="username" required autofocus value="${escapeHtml(options.email ?? "")}">` +
      `<label for="password">Password</label>` +
      `<input id="password" name="password" type="password" autocomplete="current-password" required>` +
      `<button type="submit" name="action" value="default">Continue</button></form>` +
      `<p><small>${escapeHtml(options.hint)}</small></p>`,
  );
}

/**
 * RP-initiated logout: Auth0 logs out without asking when the request is valid, so the confirmation form that
 * oidc-provider hands over (it carries its CSRF token) is submitted by the page itself; a button covers no-JS.
 */
export function renderLogoutPage(ctx: KoaContextWithOIDC, form: string, serverName: string): void {
  ctx.type = "html";
  ctx.body = page(
    `Logging out | ${serverName}`,
    `<p>Logging out…</p>${form.replace("</form>", '<input type="hidden" name="logout" value="yes"></form>')}` +
      `<button type="submit" form="op.logoutForm">Continue</button>` +
      `<script>document.forms[0].submit()</script>`,
  );
}

export function renderErrorPage(
  ctx: KoaContextWithOIDC,
  out: { error: string; error_description?: string },
  serverName: string,
): void {
  ctx.type = "html";
  ctx.body = page(
    `Error | ${serverName}`,
    `<h1>Oops!, something went wrong</h1><p class="error"><strong>${escapeHtml(out.error)}</strong>: ` +
      `${escapeHtml(out.error_description ?? "")}</p>`,
  );
}

export function renderMessagePage(title: string, message: string): string {
  return page(title, `<h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p>`);
}
