"use client";

// The sign-in page's content: Clerk's embedded <SignIn/>, on the app's own /sign-in route.
import { SignIn } from "@clerk/nextjs";

export function SignInPage() {
  return (
    <div className="sign-in">
      <SignIn />
    </div>
  );
}
