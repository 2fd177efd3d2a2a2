"use client";

// The shared header, told which page is current (only a client component can read the path in a layout).
import { OtherAppLink, SiteHeader } from "@repo/ui/site-header";
import { usePathname } from "next/navigation";
import type { ReactNode } from "react";
import { Suspense } from "react";

/** `auth`: the server-rendered auth controls (header-auth.tsx), passed through from the layout. */
export function Header({ otherAppUrl, auth }: { otherAppUrl: string; auth: ReactNode }) {
  // On a route whose path is only known per request (the sign-in catch-all), cacheComponents prerenders the shell
  // without it: the fallback is the same header with no page marked, replaced as the path streams in.
  return (
    <Suspense fallback={<HeaderAt path={null} otherAppUrl={otherAppUrl} auth={auth} />}>
      <CurrentHeader otherAppUrl={otherAppUrl} auth={auth} />
    </Suspense>
  );
}

function CurrentHeader({ otherAppUrl, auth }: { otherAppUrl: string; auth: ReactNode }) {
  return <HeaderAt path={usePathname()} otherAppUrl={otherAppUrl} auth={auth} />;
}

function HeaderAt({
  path,
  otherAppUrl,
  auth,
}: {
  path: string | null;
  otherAppUrl: string;
  auth: ReactNode;
}) {
  return (
    <>
      <SiteHeader router="app" currentPath={path} authControls={auth} />
      <div className="inner-note">
        <OtherAppLink router="app" currentPath={path} otherAppUrl={otherAppUrl} />
      </div>
    </>
  );
}
