import { describe, expect, it } from "vitest";

import { scriptUrls } from "../src/bundle-size";

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
