// Where to send a visitor to sign in with a redirect-based provider (Auth0, OIDC): its login route, which redirects to
// the provider's login page and back to `returnTo` (only same-origin returnTo values are followed).
export function loginPath(returnTo: string): string {
  return `/auth/login?${new URLSearchParams({ returnTo }).toString()}`;
}
