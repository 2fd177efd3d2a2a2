// The demo's pages in both apps, paired, with the one-line difference a visitor should notice.
export interface DemoPage {
  title: string;
  appRouter: string;
  pagesRouter: string;
  /** How the two routers differ on this page. */
  difference: string;
}

export const DEMO_PAGES: DemoPage[] = [
  {
    title: "Home",
    appRouter: "/",
    pagesRouter: "/",
    difference:
      "Both subscribe from the browser after hydration; neither renders the list on the server.",
  },
  {
    title: "Preloaded",
    appRouter: "/preloaded",
    pagesRouter: "/preloaded",
    difference:
      "App Router preloads in a Server Component and streams RSC; Pages Router preloads in getServerSideProps and ships it as page props. Both stay live.",
  },
  {
    title: "Cached",
    appRouter: "/cached",
    pagesRouter: "/cached",
    difference:
      'A "use cache" component tagged with cacheTag (revalidateTag drops it) vs getStaticProps with revalidate (res.revalidate rebuilds the page); Convex calls both when the list changes.',
  },
  {
    title: "fetchQuery",
    appRouter: "/fetch-query",
    pagesRouter: "/fetch-query",
    difference: "Server Component vs getServerSideProps: same one-shot query, neither is reactive.",
  },
  {
    title: "Server mutation",
    appRouter: "/server-action",
    pagesRouter: "/api-route",
    difference:
      "App Router posts a Server Action (fetchMutation + revalidatePath); Pages Router has no Server Actions, so the form calls an API route (pages/api/tasks.ts). Both write as the signed-in user.",
  },
  {
    title: "Route handler / API route",
    appRouter: "/route-handler",
    pagesRouter: "/api-route",
    difference:
      "app/api/*/route.ts (Web Request/Response) vs pages/api/*.ts (Node req/res): the same Convex calls and one contract per route (clicks, tasks).",
  },
  {
    title: "fetchAction",
    appRouter: "/action",
    pagesRouter: "/action",
    difference: "An action run from a Server Component vs from getServerSideProps.",
  },
  {
    title: "Server auth",
    appRouter: "/server-auth",
    pagesRouter: "/server-auth",
    difference:
      "The auth provider's token for Convex, read on the server: in a Server Component vs in getServerSideProps.",
  },
  {
    title: "Private",
    appRouter: "/private",
    pagesRouter: "/private",
    difference: "Identical: the middleware protects it and <Authenticated> gates it on the client.",
  },
];

export type Router = "app" | "pages";

/** This router's path of a demo page. */
export function pathIn(router: Router, page: DemoPage): string {
  return router === "app" ? page.appRouter : page.pagesRouter;
}

/** The page in the other app equivalent to `path` in this one. */
export function counterpart(router: Router, path: string): DemoPage | undefined {
  return DEMO_PAGES.find((page) => pathIn(router, page) === path);
}

/** This router's path of the demo page titled `title`; throws on an unknown title (a typo in a caller). */
export function demoPath(router: Router, title: string): string {
  const page = DEMO_PAGES.find((candidate) => candidate.title === title);
  if (page === undefined) throw new Error(`No demo page titled "${title}".`);
  return pathIn(router, page);
}

/**
 * The benchmark's control page, in both apps at the same path and kept out of the nav: the layout and this one line,
 * rendered per request with no Convex call (packages/bench divides each page's TTFB by its TTFB). The benchmark and
 * the e2e suite look for the text in the raw HTML, so it holds no character React escapes there (& < > " ').
 */
export const CONTROL_PAGE = {
  path: "/control",
  text: "This page renders the layout and nothing else: the control for the benchmark.",
} as const;
