"use client";

// The signed-in user's menu for providers without an account widget of their own (Auth0, OIDC): who is signed in,
// and signing out through the app's /auth/logout (labels as Clerk's <UserButton/>, so the shared UI and the e2e
// suite find it the same way).
import { useState } from "react";

export function UserMenu({ name, email }: { name: string; email: string | undefined }) {
  const [open, setOpen] = useState(false);
  return (
    <div className="user-button">
      <button
        type="button"
        aria-label="Open user menu"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
      >
        {name}
      </button>
      {open && (
        <div role="dialog" aria-label="Account panel">
          <p>{email}</p>
          {/* A full-page navigation: the app clears its session, then the provider ends its own. */}
          <button type="button" onClick={() => window.location.assign("/auth/logout")}>
            Sign out
          </button>
        </div>
      )}
    </div>
  );
}
