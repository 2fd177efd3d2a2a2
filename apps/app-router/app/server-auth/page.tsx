import { getConvexToken } from "@repo/auth/app-server";
import { serverAuthText } from "@repo/auth/server-auth-text";
import { api } from "@repo/convex/api";
import { ServerAuthTasks } from "@repo/ui/demo-sections";
import { Explainer } from "@repo/ui/explainer";
import { fetchQuery, preloadQuery } from "convex/nextjs";

import { env } from "../../env";

export const dynamic = "force-dynamic";

export default async function ServerAuthPage() {
  // The middleware already sent signed-out visitors to /sign-in; this token identifies the user to Convex.
  const token = await getConvexToken();
  const options = { url: env.convexUrl, token };
  const [me, preloaded] = await Promise.all([
    fetchQuery(api.users.me, {}, options),
    preloadQuery(api.tasks.mine, {}, options),
  ]);
  // Names the provider this build uses (AUTH_PROVIDER), and its own server helper.
  const text = serverAuthText(env.provider, "app");
  return (
    <>
      <h1>Authenticated server rendering</h1>
      <Explainer title={text.title} fetched={text.fetched} reactive>
        <p>
          Your private tasks are in the first HTML response. The client provider uses{" "}
          <code>expectAuth</code>, so the live subscription waits for the browser&apos;s own token
          instead of briefly running signed out.
        </p>
      </Explainer>
      <ServerAuthTasks name={me?.name ?? null} preloaded={preloaded} />
    </>
  );
}
