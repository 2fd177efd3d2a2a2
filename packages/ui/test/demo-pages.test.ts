// DEMO_PAGES pairs each App Router page with its Pages Router twin: the paths must exist in both apps, and
// counterpart() must lead from one to the other.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

import { describe, expect, it } from "vitest";

import { CONTROL_PAGE, counterpart, DEMO_PAGES, demoPath } from "../src/demo-pages";

const apps = fileURLToPath(new URL("../../../apps/", import.meta.url));

/** The file that serves `path` in each app (App Router: app/<path>/page.tsx; Pages Router: pages/<path>.tsx). */
const appRouterFile = (path: string) => `${apps}app-router/app${path === "/" ? "" : path}/page.tsx`;
const pagesRouterFile = (path: string) =>
  `${apps}pages-router/pages${path === "/" ? "/index" : path}.tsx`;

describe("DEMO_PAGES", () => {
  it.each(DEMO_PAGES.map((page) => [page.title, page] as const))(
    "%s exists in both apps",
    (_title, page) => {
      expect(existsSync(appRouterFile(page.appRouter)), appRouterFile(page.appRouter)).toBe(true);
      expect(existsSync(pagesRouterFile(page.pagesRouter)), pagesRouterFile(page.pagesRouter)).toBe(
        true,
      );
      expect(page.difference.trim()).not.toBe("");
    },
  );

  it("has unique titles and one entry per App Router page", () => {
    const titles = DEMO_PAGES.map((page) => page.title);
    expect(new Set(titles).size).toBe(titles.length);
    const appPaths = DEMO_PAGES.map((page) => page.appRouter);
    expect(new Set(appPaths).size).toBe(appPaths.length);
  });
});

describe("counterpart", () => {
  it("maps every App Router page to its own entry", () => {
    for (const page of DEMO_PAGES) expect(counterpart("app", page.appRouter)).toBe(page);
  });

  it("maps every Pages Router page to an entry with that path (the first, where two demos share one)", () => {
    for (const page of DEMO_PAGES) {
      const found = counterpart("pages", page.pagesRouter);
      expect(found?.pagesRouter).toBe(page.pagesRouter);
      expect(found).toBe(DEMO_PAGES.find((p) => p.pagesRouter === page.pagesRouter));
    }
    expect(counterpart("pages", "/api-route")?.appRouter).toBe("/server-action");
  });

  it("returns undefined for a path that is not a demo page, or is one only in the other app", () => {
    expect(counterpart("app", "/sign-in")).toBeUndefined();
    expect(counterpart("app", "/api-route")).toBeUndefined();
    expect(counterpart("pages", "/server-action")).toBeUndefined();
  });
});

describe("demoPath", () => {
  it("gives each router's own path for a title", () => {
    expect(demoPath("app", "Route handler / API route")).toBe("/route-handler");
    expect(demoPath("pages", "Route handler / API route")).toBe("/api-route");
  });

  it("throws on an unknown title instead of guessing a path", () => {
    expect(() => demoPath("app", "No such page")).toThrow('No demo page titled "No such page".');
  });
});

describe("CONTROL_PAGE", () => {
  it("exists in both apps, outside the nav's pairs", () => {
    expect(existsSync(appRouterFile(CONTROL_PAGE.path))).toBe(true);
    expect(existsSync(pagesRouterFile(CONTROL_PAGE.path))).toBe(true);
    expect(counterpart("app", CONTROL_PAGE.path)).toBeUndefined();
  });

  it("has text that reads the same in raw HTML (React escapes & < > \" ' in text)", () => {
    // The benchmark and the e2e suite search the response body for it.
    expect(CONTROL_PAGE.text).not.toMatch(/[&<>"']/);
  });
});
