// The header both apps render: title, links to every demo page (marking the current one), and auth controls.
import type { ReactNode } from "react";

import { AuthControls } from "./auth-controls";
import { counterpart, DEMO_PAGES } from "./demo-pages";

/** One link per distinct path in this app (two demos share the Pages Router's API-route page). */
function navLinks(router: "app" | "pages"): { path: string; title: string }[] {
  const seen = new Map<string, string>();
  for (const page of DEMO_PAGES) {
    const path = router === "app" ? page.appRouter : page.pagesRouter;
    if (!seen.has(path)) seen.set(path, page.title);
  }
  return [...seen].map(([path, title]) => ({ path, title }));
}

export function SiteHeader({
  router,
  currentPath,
  authControls = <AuthControls />,
}: {
  router: "app" | "pages";
  /** The auth controls to show; by default the client-only ones (the App Router passes server-aware ones). */
  authControls?: ReactNode;
  /** null while the path is not known yet (a prerendered shell of a route with a per-request path). */
  currentPath: string | null;
}) {
  const label = router === "app" ? "App Router" : "Pages Router";
  return (
    <header className="site-header">
      <div className="inner">
        <a className="brand" href="/">
          Convex + Next.js <small>· {label}</small>
        </a>
        <nav aria-label="Demo pages">
          <ul>
            {navLinks(router).map(({ path, title }) => (
              <li key={path}>
                <a href={path} aria-current={path === currentPath ? "page" : undefined}>
                  {title}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        {authControls}
      </div>
    </header>
  );
}

/** "Same page in the other app", with what differs. */
export function OtherAppLink({
  router,
  currentPath,
  otherAppUrl,
}: {
  router: "app" | "pages";
  currentPath: string | null;
  otherAppUrl: string;
}): ReactNode {
  if (currentPath === null) return null;
  const page = counterpart(router, currentPath);
  if (page === undefined) return null;
  const otherPath = router === "app" ? page.pagesRouter : page.appRouter;
  return (
    <p className="other-app">
      <a href={`${otherAppUrl}${otherPath}`}>
        Same page in the {router === "app" ? "Pages" : "App"} Router app →
      </a>{" "}
      {page.difference}
    </p>
  );
}
