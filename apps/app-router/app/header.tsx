"use client";

// The shared header, told which page is current (only a client component can read the path in a layout).
import { OtherAppLink, SiteHeader } from "@repo/ui/site-header";
import { usePathname } from "next/navigation";

export function Header({ otherAppUrl }: { otherAppUrl: string }) {
  const path = usePathname();
  return (
    <>
      <SiteHeader router="app" currentPath={path} />
      <div className="inner-note">
        <OtherAppLink router="app" currentPath={path} otherAppUrl={otherAppUrl} />
      </div>
    </>
  );
}
