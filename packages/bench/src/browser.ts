// Browser numbers: headless Chromium loads each page in a fresh context (no cache, like a first visit) and records
// when the page's data is in the DOM and painted, and when React has hydrated its interactive element.
import { CHROMIUM_ARGS, chromiumPath } from "@repo/chromium";
import type { Browser, BrowserContext, Cookie } from "playwright-core";
import { chromium } from "playwright-core";

import type { AppSpec, PageSpec } from "./config";
import { LIMITS } from "./config";

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath, headless: true, args: CHROMIUM_ARGS });
}

/**
 * A browser context whose pages can run this package's functions: tsx (esbuild, keepNames) wraps named inner
 * functions in `__name(...)`, a helper that exists only in Node, so functions sent to the page need a stand-in.
 */
export async function newContext(browser: Browser): Promise<BrowserContext> {
  const context = await browser.newContext();
  await context.addInitScript("globalThis.__name = (fn) => fn;");
  return context;
}

export interface PageLoad {
  /** ms from navigation start until the data is in the DOM and the page has painted. */
  dataVisible: number;
  /** ms from navigation start until React has hydrated the interactive element. */
  interactive: number;
}

interface Marks {
  dataAt: number | null;
  interactiveAt: number | null;
}

declare global {
  interface Window {
    __bench?: Marks;
  }
}

/**
 * Runs in the page before any of its scripts. React tags the DOM nodes it has hydrated with `__reactProps$…`,
 * which is the same signal for both routers; a MutationObserver plus a 4 ms poll catches both moments.
 */
function watch(selectors: { data: string; interactive: string; maxMs: number }): void {
  const marks: Marks = { dataAt: null, interactiveAt: null };
  window.__bench = marks;
  const isHydrated = (element: Element) =>
    Object.keys(element).some((key) => key.startsWith("__reactProps$"));
  const check = () => {
    if (marks.dataAt === null && document.querySelector(selectors.data) !== null) {
      marks.dataAt = performance.now();
    }
    const interactive = document.querySelector(selectors.interactive);
    if (marks.interactiveAt === null && interactive !== null && isHydrated(interactive)) {
      marks.interactiveAt = performance.now();
    }
    if (marks.dataAt !== null && marks.interactiveAt !== null) done();
  };
  const observer = new MutationObserver(check);
  const timer = setInterval(check, 4);
  const done = () => {
    observer.disconnect();
    clearInterval(timer);
  };
  observer.observe(document, { childList: true, subtree: true });
  setTimeout(done, selectors.maxMs);
}

export async function loadPage(
  browser: Browser,
  app: AppSpec,
  page: PageSpec,
  cookies: Cookie[],
): Promise<PageLoad> {
  const context = await newContext(browser);
  try {
    if (cookies.length > 0) await context.addCookies(cookies);
    await context.addInitScript(watch, {
      data: page.dataSelector,
      interactive: page.interactiveSelector,
      maxMs: LIMITS.browserStepMs,
    });
    const tab = await context.newPage();
    tab.setDefaultTimeout(LIMITS.browserStepMs);
    const response = await tab.goto(`${app.url}${page.path}`);
    if (response?.ok() !== true)
      throw new Error(`${app.url}${page.path} answered ${response?.status()}`);
    if (new URL(tab.url()).pathname !== page.path) throw new Error(`redirected to ${tab.url()}`);
    await tab.waitForFunction(
      () => window.__bench?.dataAt != null && window.__bench.interactiveAt != null,
    );
    return await tab.evaluate(() => {
      const marks = window.__bench;
      const paint = performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? 0;
      if (marks?.dataAt == null || marks.interactiveAt == null) throw new Error("no marks");
      // In the DOM before the first paint means visible at that paint.
      return { dataVisible: Math.max(marks.dataAt, paint), interactive: marks.interactiveAt };
    });
  } finally {
    await context.close();
  }
}
