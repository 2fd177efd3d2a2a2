"use client";

// The /sign-in route's content: Auth0 signs in on its own login page, so this page only forwards there, keeping
// where to return (Clerk's redirect_url, as the shared UI links carry it).
import { useEffect } from "react";

import { loginPath } from "./login-path";

/** Only same-origin paths: an absolute or protocol-relative URL would make this an open redirect. */
function returnToFrom(search: string): string {
  const value = new URLSearchParams(search).get("redirect_url") ?? "/";
  return value.startsWith("/") && !value.startsWith("//") ? value : "/";
}

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
