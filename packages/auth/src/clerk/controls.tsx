"use client";

// The provider's own sign-in and account controls, for the shared UI to place.
import { SignInButton as ClerkSignInButton, UserButton as ClerkUserButton } from "@clerk/react";

/** Sends the visitor to the sign-in page and back (redirect mode: no modal on top of the page). */
export function SignInButton({ label }: { label: string }) {
  return (
    <ClerkSignInButton mode="redirect">
      <button type="button">{label}</button>
    </ClerkSignInButton>
  );
}

export function UserButton() {
  return <ClerkUserButton />;
}
