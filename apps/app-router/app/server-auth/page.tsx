import { getConvexToken } from "@repo/auth/app-server";
import { api } from "@repo/convex/api";
import { CardSkeleton } from "@repo/ui/card-skeleton";
import { ServerAuthTasks } from "@repo/ui/demo-sections";
import { Explainer } from "@repo/ui/explainer";
import { fetchQuery, preloadQuery } from "convex/nextjs";
import { Suspense } from "react";

import { env } from "../../env";

export default function ServerAuthPage() {
  return (
    <>
      <h1>Authenticated server rendering</h1>
      <Explainer
        title="Clerk auth() → Convex token → preloadQuery / fetchQuery"
        fetched="On the server, as the signed-in user (token from Clerk's auth()), streamed after the static shell"
        reactive
      >
        <p>
          Your private tasks are in the first HTML response, streamed after the page&apos;s static
          shell (which is the same for every visitor, so it holds nothing of yours). The client
          provider uses <code>expectAuth</code>, so the live subscription waits for the
          browser&apos;s own token instead of briefly running signed out.
        </p>
      </Explainer>
      <Suspense fallback={<CardSkeleton label="Streaming your private tasks from Convex" />}>
        <StreamedPrivateTasks />
      </Suspense>
    </>
  );
}

async function StreamedPrivateTasks() {
  // The middleware already sent signed-out visitors to /sign-in; this token identifies the user to Convex. Reading
  // it reads the request (cookies), so this part is rendered per request and never cached.
  const token = await getConvexToken();
  const options = { url: env.convexUrl, token };
  const [me, preloaded] = await Promise.all([
    fetchQuery(api.users.me, {}, options),
    preloadQuery(api.tasks.mine, {}, options),
  ]);
  return <ServerAuthTasks name={me?.name ?? null} preloaded={preloaded} />;
}
