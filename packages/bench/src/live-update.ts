// Live update latency: a task added through the form in one app's /preloaded page, until it appears in the other
// app's /preloaded page (both subscribed to the same Convex query). Both tabs stamp time with
// performance.timeOrigin + performance.now(), so the two ends share one clock.
import type { Browser, Page } from "playwright-core";

import { newContext } from "./browser";
import type { AppSpec } from "./config";
import { LIMITS } from "./config";
import type { Summary } from "./stats";
import { summarize } from "./stats";

export interface LiveResult {
  from: AppSpec["id"];
  to: AppSpec["id"];
  latency: Summary;
  misses: number;
}

async function openList(browser: Browser, app: AppSpec): Promise<Page> {
  const context = await newContext(browser);
  const page = await context.newPage();
  page.setDefaultTimeout(LIMITS.browserStepMs);
  await page.goto(`${app.url}/preloaded`);
  // Hydrated, and the live subscription delivered at least once (it renders the list).
  await page.waitForFunction(() => {
    const button = document.querySelector("main form.task-form button");
    return button !== null && Object.keys(button).some((key) => key.startsWith("__reactProps$"));
  });
  return page;
}

declare global {
  interface Window {
    __liveSeen?: Promise<number | null>;
  }
}

/** Arms (in the page) a watcher that resolves with the time `text` appears in the list, or null after `maxMs`. */
function armWatcher(args: { text: string; maxMs: number }): void {
  window.__liveSeen = new Promise((resolve) => {
    const seen = () =>
      [...document.querySelectorAll("main ul.tasks li span")].some(
        (span) => span.textContent === args.text,
      );
    const observer = new MutationObserver(() => {
      if (seen()) finish(performance.timeOrigin + performance.now());
    });
    const timer = setTimeout(() => finish(null), args.maxMs);
    const finish = (value: number | null) => {
      observer.disconnect();
      clearTimeout(timer);
      resolve(value);
    };
    observer.observe(document.body, { childList: true, subtree: true, characterData: true });
  });
}

async function addTask(page: Page, text: string): Promise<number> {
  await page.locator("main form.task-form input").fill(text);
  return page.evaluate(() => {
    const form = document.querySelector<HTMLFormElement>("main form.task-form");
    if (form === null) throw new Error("no task form");
    const sentAt = performance.timeOrigin + performance.now();
    form.requestSubmit();
    return sentAt;
  });
}

/** `runs` mutations each way, alternating direction; stops early at `deadline` (performance.now() time). */
export async function measureLiveUpdates(
  browser: Browser,
  apps: [AppSpec, AppSpec],
  runs: number,
  deadline: number,
): Promise<LiveResult[]> {
  const [first, second] = apps;
  const pages = await Promise.all([openList(browser, first), openList(browser, second)]);
  const samples = { 0: [] as number[], 1: [] as number[] };
  const misses = { 0: 0, 1: 0 };
  try {
    for (let i = 0; i < runs * 2 && performance.now() < deadline; i++) {
      const direction = i % 2 === 0 ? 0 : 1;
      const [source, target] = direction === 0 ? pages : [pages[1], pages[0]];
      const text = `live ${i} ${Math.random().toString(36).slice(2, 8)}`;
      // Armed before the mutation is sent, so the change cannot slip past the watcher.
      await target.evaluate(armWatcher, { text, maxMs: LIMITS.liveWaitMs });
      const sentAt = await addTask(source, text);
      const seenAt = await target.evaluate(() => window.__liveSeen ?? null);
      if (seenAt === null) misses[direction]++;
      else samples[direction].push(seenAt - sentAt);
    }
  } finally {
    await Promise.all(pages.map((page) => page.context().close()));
  }
  return [
    { from: first.id, to: second.id, latency: summarize(samples[0]), misses: misses[0] },
    { from: second.id, to: first.id, latency: summarize(samples[1]), misses: misses[1] },
  ];
}
