import { describe, expect, it } from "vitest";

import { scriptKind, scriptUrls } from "../src/bundle-size";

describe("scriptUrls", () => {
  it("collects script sources and script preloads, once each, skipping nomodule", () => {
    const html = `
      <link rel="preload" as="script" fetchPriority="low" href="/_next/static/chunks/a.js"/>
      <link rel="stylesheet" href="/_next/static/css/x.css"/>
      <link rel="modulepreload" href="/_next/static/chunks/m.js">
      <script src="/_next/static/chunks/a.js" async=""></script>
      <script src="/_next/static/chunks/polyfills.js" noModule=""></script>
      <script src="/__clerk/npm/clerk.browser.js" async></script>
      <script>self.__next_f.push([1])</script>`;
    expect(scriptUrls(html, "http://127.0.0.1:3400/preloaded")).toEqual([
      "http://127.0.0.1:3400/_next/static/chunks/a.js",
      "http://127.0.0.1:3400/__clerk/npm/clerk.browser.js",
      "http://127.0.0.1:3400/_next/static/chunks/m.js",
    ]);
  });
});

describe("scriptKind", () => {
  const base = "http://127.0.0.1:3400";
  it("tells Next's chunks, clerk-js and @clerk/ui apart by path", () => {
    expect(scriptKind(`${base}/_next/static/chunks/a.js`)).toBe("next");
    expect(scriptKind(`${base}/__clerk/npm/@clerk/clerk-js@6.1.0/dist/clerk.browser.js`)).toBe(
      "clerkJs",
    );
    expect(scriptKind(`${base}/__clerk/npm/@clerk/ui@1.2.3/dist/ui.browser.js`)).toBe("clerkUi");
    // Straight from a Frontend API host, without the proxy prefix.
    expect(scriptKind("https://clerk.example.com/npm/@clerk/ui@1/dist/ui.browser.js")).toBe(
      "clerkUi",
    );
  });

  it("does not mistake look-alikes for Clerk's packages", () => {
    expect(scriptKind(`${base}/npm/@clerk/clerk-js-extra@1/dist/x.js`)).toBe("other");
    expect(scriptKind(`${base}/static/ui.browser.js`)).toBe("other");
    expect(scriptKind(`${base}/next/static/chunks/a.js`)).toBe("other");
  });
});
