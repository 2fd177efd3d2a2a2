import { authPageProps, getConvexToken } from "@repo/auth/pages-server";
import { serverAuthText } from "@repo/auth/server-auth-text";
import { api } from "@repo/convex/api";
import { ServerAuthTasks } from "@repo/ui/demo-sections";
import { Explainer } from "@repo/ui/explainer";
import { fetchQuery, preloadQuery } from "convex/nextjs";
import type { Preloaded } from "convex/react";
import type { GetServerSideProps } from "next";

import { env } from "../env";

interface Props {
  name: string | null;
  preloaded: Preloaded<typeof api.tasks.mine>;
}

export const getServerSideProps: GetServerSideProps<Props> = async ({ req }) => {
  // The middleware already sent signed-out visitors to sign in; the provider's server helper reads the session it
  // verified.
  const token = await getConvexToken(req);
  const options = { url: env.convexUrl, token };
  const [me, preloaded] = await Promise.all([
    fetchQuery(api.users.me, {}, options),
    preloadQuery(api.tasks.mine, {}, options),
  ]);
  // Lets the auth provider render the signed-in state on the server, without a flash.
  return { props: { ...(await authPageProps(req)), name: me?.name ?? null, preloaded } };
};

// Names the provider this build uses (AUTH_PROVIDER), and its own server helper.
const text = serverAuthText(env.provider, "pages");

export default function ServerAuthPage({ name, preloaded }: Props) {
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
      <ServerAuthTasks name={name} preloaded={preloaded} />
    </>
  );
}
