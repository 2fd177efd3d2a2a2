import { auth } from "@clerk/nextjs/server";
import { api } from "@repo/convex/api";
import { convexToken } from "@repo/ui/convex-token";
import { Explainer } from "@repo/ui/explainer";
import { TaskForm } from "@repo/ui/task-form";
import { PreloadedMyTasks } from "@repo/ui/task-list";
import { fetchQuery, preloadQuery } from "convex/nextjs";

import { env } from "../../env";

export const dynamic = "force-dynamic";

export default async function ServerAuthPage() {
  // The middleware already sent signed-out visitors to /sign-in; this token identifies the user to Convex.
  const token = await convexToken(await auth());
  const options = { url: env.convexUrl, token };
  const [me, preloaded] = await Promise.all([
    fetchQuery(api.users.me, {}, options),
    preloadQuery(api.tasks.mine, {}, options),
  ]);
  return (
    <>
      <h1>Authenticated server rendering</h1>
      <Explainer
        title="Clerk auth() → Convex token → preloadQuery / fetchQuery"
        fetched="On the server, as the signed-in user (token from Clerk's auth())"
        reactive
      >
        <p>
          Your private tasks are in the first HTML response. The client provider uses{" "}
          <code>expectAuth</code>, so the live subscription waits for the browser&apos;s own token
          instead of briefly running signed out.
        </p>
      </Explainer>
      <section className="card" aria-labelledby="mine-heading">
        <h2 id="mine-heading">
          Private tasks of <span data-testid="server-user">{me?.name ?? "a new user"}</span>
        </h2>
        <TaskForm label="New private task" />
        <PreloadedMyTasks preloaded={preloaded} />
      </section>
    </>
  );
}
