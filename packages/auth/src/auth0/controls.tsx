"use client";

// Sign-in and account controls for the shared UI to place. Auth0 has no embeddable widgets: signing in goes to
// Auth0's login page through nextjs-auth0's /auth/login, signing out through /auth/logout.
import { useUser } from "@auth0/nextjs-auth0";
import { useState } from "react";

import { loginPath } from "./login-path";

/** Sends the visitor to Auth0's login page and back to this page. */
export function SignInButton({ label }: { label: string }) {
  return (
    <button
      type="button"
      onClick={() => {
        const { pathname, search } = window.location;
        window.location.assign(loginPath(`${pathname}${search}`));
      }}
    >
      {label}
    </button>
  );
}

/** The signed-in user's menu: who is signed in, and signing out (labels as Clerk's <UserButton/>). */
export function UserButton() {
  const { user } = useUser();
  const [open, setOpen] = useState(false);
  return (
    <div className="user-button">
      <button
        type="button"
        aria-label="Open user menu"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
      >
        {user?.name ?? user?.email ?? "Account"}
      </button>
      {open && (
        <div role="dialog" aria-label="Account panel">
          <p>{user?.email}</p>
          {/* A full-page navigation: the SDK clears the session, then Auth0 ends its own at /v2/logout. */}
          <button type="button" onClick={() => window.location.assign("/auth/logout")}>
            Sign out
          </button>
        </div>
      )}
    </div>
  );
}
