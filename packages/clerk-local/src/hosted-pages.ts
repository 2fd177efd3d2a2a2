// Account-Portal-style pages: `display_config.sign_in_url` / `sign_up_url` point here, so an app's redirect-mode
// <SignInButton/> (or `redirectToSignIn()`) lands on a real <SignIn/> without the app hosting one. As on Clerk's
// Account Portal, the app's clerk-js hands over its dev browser in `__clerk_db_jwt` on the way here, and this page's
// clerk-js hands it back on the way to `redirect_url`, so the session lands in the app's client.
import { bundleFor } from "./assets";
import { PUBLISHABLE_KEY } from "./instance";

export const HOSTED_PAGES = { "/sign-in": "SignIn", "/sign-up": "SignUp" } as const;
export type HostedPath = keyof typeof HOSTED_PAGES;

export const isHostedPath = (path: string): path is HostedPath => Object.hasOwn(HOSTED_PAGES, path);

/** Loopback apps only, like the handshake: the emulator has no list of the instance's allowed origins. */
const ALLOWED_REDIRECT_ORIGINS = String.raw`/^https?:\/\/(localhost|[\w-]+\.localhost|127(\.\d{1,3}){3}|\[::1\])(:\d+)?$/`;

export function hostedPageHtml(path: HostedPath): string {
  const component = HOSTED_PAGES[path];
  const clerkJs = bundleFor("clerk-js", "latest")?.version ?? "6";
  const ui = bundleFor("ui", "latest")?.version ?? "1";
  // Relative proxy: this page's Frontend API and bundles are this server, under the `/__clerk` prefix it accepts.
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${component === "SignIn" ? "Sign in" : "Sign up"}</title>
<style>body{margin:0;min-height:100vh;display:grid;place-items:center;font-family:system-ui,sans-serif;background:#f4f4f5}</style>
</head>
<body>
<div id="clerk-component"></div>
<script src="/__clerk/npm/@clerk/ui@${ui}/dist/ui.browser.js"></script>
<script src="/__clerk/npm/@clerk/clerk-js@${clerkJs}/dist/clerk.browser.js"
  data-clerk-publishable-key="${PUBLISHABLE_KEY}" data-clerk-proxy-url="/__clerk"></script>
<script>
window.addEventListener("load", async () => {
  await window.Clerk.load({
    ui: { ClerkUI: window.__internal_ClerkUICtor },
    signInUrl: "/sign-in",
    signUpUrl: "/sign-up",
    allowedRedirectOrigins: [${ALLOWED_REDIRECT_ORIGINS}],
  });
  // clerk-js sends \`#/?redirect_url=\` itself; a link may carry it in the query instead (checked by
  // allowedRedirectOrigins either way).
  const redirectUrl = new URLSearchParams(location.search).get("redirect_url");
  const fallback = redirectUrl === null ? {} : {
    fallbackRedirectUrl: redirectUrl,
    signInFallbackRedirectUrl: redirectUrl,
    signUpFallbackRedirectUrl: redirectUrl,
  };
  window.Clerk.mount${component}(document.getElementById("clerk-component"), fallback);
});
</script>
</body>
</html>
`;
}
