"use client";

// Sign-in and account controls for the shared UI to place. Auth0 has no embeddable widgets: signing in goes to
// Auth0's login page through nextjs-auth0's /auth/login, signing out through /auth/logout.
import { useUser } from "@auth0/nextjs-auth0";

import { UserMenu } from "../user-menu";

export { SignInButton } from "../redirect-sign-in";

/** The signed-in user's menu: who is signed in, and signing out (the SDK, then Auth0 at /v2/logout). */
export function UserButton() {
  const { user } = useUser();
  return <UserMenu name={user?.name ?? user?.email ?? "Account"} email={user?.email} />;
}
