// What the Content-Security-Policy must allow for Auth0 in the browser: nothing beyond the app itself. The browser
// only calls the app's own /auth/* routes (nextjs-auth0 holds the session server-side), and the login page is a
// top-level navigation to Auth0, which CSP does not restrict.
import type { AuthCspSources } from "../csp";

export function auth0CspSources(): AuthCspSources {
  return { script: [], connect: [], frame: [], img: [] };
}
