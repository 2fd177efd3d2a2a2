"use client";

// Sign-in and account controls for the shared UI to place: signing in goes to the provider's login page through the
// app's /auth/login, signing out through /auth/logout.
import { UserMenu } from "../user-menu";
import { useOidcUser } from "./session-context";

export { SignInButton } from "../redirect-sign-in";

/** The signed-in user's menu: who is signed in, and signing out. */
export function UserButton() {
  const { user } = useOidcUser();
  return (
    <UserMenu name={user?.name ?? user?.email ?? "Account"} email={user?.email ?? undefined} />
  );
}
