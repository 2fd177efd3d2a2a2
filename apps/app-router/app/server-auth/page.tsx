import { getConvexToken } from "@repo/auth/app-server";
import { serverAuthText } from "@repo/auth/server-auth-text";
import { api } from "@repo/convex/api";
import { CardSkeleton } from "@repo/ui/card-skeleton";
import { ServerAuthTasks } from "@repo/ui/demo-sections";
import { Explainer } from "@repo/ui/explainer";
import { fetchQuery, preloadQuery } from "convex/nextjs";
import { Suspense } from "react";

import { env } from "../../env";

export default function ServerAuthPage() {
  // Names the provider this build uses (AUTH_PROVIDER), and its own server helper.
  const text = serverAuthText(env.provider, "app");
  return (
    <>
      <h1>Authenticated server rendering</h1>
      <Explainer
        title={text.title}
        fetched={`${text.fetched}, streamed after the static shell`}
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
