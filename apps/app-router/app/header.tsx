"use client";

// The shared header, told which page is current (only a client component can read the path in a layout).
import { OtherAppLink, SiteHeader } from "@repo/ui/site-header";
import { usePathname } from "next/navigation";
import { Suspense } from "react";

export function Header({ otherAppUrl }: { otherAppUrl: string }) {
  // On a route whose path is only known per request (the sign-in catch-all), cacheComponents prerenders the shell
  // without it: the fallback is the same header with no page marked, replaced as the path streams in.
  return (
    <Suspense fallback={<HeaderAt path={null} otherAppUrl={otherAppUrl} />}>
      <CurrentHeader otherAppUrl={otherAppUrl} />
    </Suspense>
  );
}

function CurrentHeader({ otherAppUrl }: { otherAppUrl: string }) {
  return <HeaderAt path={usePathname()} otherAppUrl={otherAppUrl} />;
}

function HeaderAt({ path, otherAppUrl }: { path: string | null; otherAppUrl: string }) {
  return (
    <>
      <SiteHeader router="app" currentPath={path} />
      <div className="inner-note">
        <OtherAppLink router="app" currentPath={path} otherAppUrl={otherAppUrl} />
      </div>
    </>
  );
}
