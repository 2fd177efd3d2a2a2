"use client";

// Sign-in for providers that sign in on their own login page (Auth0, OIDC): the button and the /sign-in route's
// content both send the browser to the app's /auth/login, keeping where to return.
import { useEffect } from "react";

import { loginPath } from "./login-path";

/** Sends the visitor to the provider's login page and back to this page. */
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

/** Only same-origin paths: an absolute or protocol-relative URL would make this an open redirect. */
export function returnToFrom(search: string): string {
  const value = new URLSearchParams(search).get("redirect_url") ?? "/";
  return value.startsWith("/") && !value.startsWith("//") ? value : "/";
}

/** The /sign-in route: forwards to the login page (Clerk's `redirect_url`, as the shared UI links carry it). */
export function SignInPage() {
  useEffect(() => {
    window.location.replace(loginPath(returnToFrom(window.location.search)));
  }, []);
  return (
    <div className="sign-in">
      <p role="status">Redirecting to the sign-in page…</p>
    </div>
  );
}
