// SiteHeader and OtherAppLink: accessible navigation (labelled nav, current page marked) for each router.
import { render, screen, within } from "@testing-library/react";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { DEMO_PAGES } from "../src/demo-pages";
import { OtherAppLink, SiteHeader } from "../src/site-header";
import { LOADING, WithTestAuth } from "./support/auth";
import type { TestBackend } from "./support/backend";
import { startBackend } from "./support/backend";

// The header's auth controls need a Convex client; while auth is loading they render no Clerk component.
let backend: TestBackend;
beforeAll(async () => {
  backend = await startBackend();
});
afterAll(async () => {
  await backend.stop();
});

function renderHeader(router: "app" | "pages", currentPath: string) {
  render(
    <WithTestAuth auth={LOADING} client={backend.reactClient()}>
      <SiteHeader router={router} currentPath={currentPath} />
    </WithTestAuth>,
  );
  const nav = screen.getByRole("navigation", { name: "Demo pages" });
  const links = within(nav)
    .getAllByRole("link")
    .map((link) => ({
      name: link.textContent,
      href: link.getAttribute("href"),
      current: link.getAttribute("aria-current"),
    }));
  return { nav, links };
}

describe("SiteHeader", () => {
  it("links every App Router demo page once and marks only the current one", () => {
    const { links } = renderHeader("app", "/fetch-query");
    expect(links.map((link) => link.href)).toEqual(DEMO_PAGES.map((page) => page.appRouter));
    expect(links.filter((link) => link.current !== null)).toEqual([
      { name: "fetchQuery", href: "/fetch-query", current: "page" },
    ]);
    expect(screen.getByRole("banner")).toBeTruthy();
    expect(screen.getByRole("link", { name: "Convex + Next.js · App Router" })).toBeTruthy();
  });

  it("in the Pages Router, lists the shared API-route page once, under its first title", () => {
    const { links } = renderHeader("pages", "/api-route");
    const paths = links.map((link) => link.href);
    expect(paths).toEqual([...new Set(DEMO_PAGES.map((page) => page.pagesRouter))]);
    expect(paths.filter((path) => path === "/api-route")).toHaveLength(1);
    expect(links.filter((link) => link.current === "page")).toEqual([
      { name: "Server mutation", href: "/api-route", current: "page" },
    ]);
    expect(screen.getByRole("link", { name: "Convex + Next.js · Pages Router" })).toBeTruthy();
  });

  it("marks nothing current on a page outside the demo list", () => {
    const { links } = renderHeader("app", "/sign-in");
    expect(links.every((link) => link.current === null)).toBe(true);
  });

  it("shows the auth controls' loading state while sign-in is checked", () => {
    renderHeader("app", "/");
    expect(within(screen.getByRole("banner")).getByRole("status").textContent).toBe(
      "Checking sign-in…",
    );
  });
});

describe("OtherAppLink", () => {
  it("links to the equivalent page in the other app, with what differs", () => {
    render(
      <OtherAppLink
        router="app"
        currentPath="/server-action"
        otherAppUrl="http://localhost:3001"
      />,
    );
    const link = screen.getByRole("link", { name: "Same page in the Pages Router app →" });
    expect(link.getAttribute("href")).toBe("http://localhost:3001/api-route");
    const page = DEMO_PAGES.find((p) => p.appRouter === "/server-action");
    expect(link.parentElement?.textContent).toContain(page?.difference);
  });

  it("links back from the Pages Router", () => {
    render(<OtherAppLink router="pages" currentPath="/" otherAppUrl="http://localhost:3000" />);
    const link = screen.getByRole("link", { name: "Same page in the App Router app →" });
    expect(link.getAttribute("href")).toBe("http://localhost:3000/");
  });

  it("renders nothing for a page with no counterpart", () => {
    const { container } = render(
      <OtherAppLink router="app" currentPath="/sign-in" otherAppUrl="http://localhost:3001" />,
    );
    expect(container.innerHTML).toBe("");
  });
});
