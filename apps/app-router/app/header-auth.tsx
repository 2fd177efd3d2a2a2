// The header's auth controls as the server sees the request: signed in or not, from the provider's session (Clerk's
// auth(), nextjs-auth0's getSession()), so a signed-in first load shows the account control at once instead of
// "Checking sign-in…" while the browser's Convex client waits for its token. Per request (it reads cookies), so it
// streams into the layout's prerendered shell; the shell's placeholder has no text.
import { isSignedIn } from "@repo/auth/app-server";
import { AuthControls } from "@repo/ui/auth-controls";
import { Suspense } from "react";

export function HeaderAuth() {
  return (
    <Suspense fallback={<div className="auth-controls" aria-hidden="true" />}>
      <ServerAwareControls />
    </Suspense>
  );
}

async function ServerAwareControls() {
  return <AuthControls serverSignedIn={await isSignedIn()} />;
}
