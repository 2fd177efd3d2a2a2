import { SignInPage } from "@repo/auth/sign-in-page";
import { Suspense } from "react";

// The provider's sign-in UI routes on the path (Clerk's <SignIn/> reads usePathname for its steps), which this
// catch-all only knows per request: cacheComponents prerenders the shell and streams the form in.
export default function SignIn() {
  return (
    <Suspense fallback={<div className="sign-in" />}>
      <SignInPage />
    </Suspense>
  );
}
