// Where to send a visitor to sign in: nextjs-auth0's login route, which redirects to Auth0's login page and back
// to `returnTo` (the SDK only follows same-origin returnTo values).
export function loginPath(returnTo: string): string {
  return `/auth/login?${new URLSearchParams({ returnTo }).toString()}`;
}
