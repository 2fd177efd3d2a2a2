// The apps' Convex URLs for a self-hosted deployment. The CLI reaches it at CONVEX_SELF_HOSTED_URL with the admin key;
// the apps need the URLs clients use, which the deployment itself knows (CONVEX_CLOUD_ORIGIN / CONVEX_SITE_ORIGIN
// in Convex's docker-compose.yml): the same /api/v1/get_canonical_urls that `npx convex deploy --cmd` reads.
//
// Under `npx convex deploy --cmd '<build>' --cmd-url-env-var-name NEXT_PUBLIC_CONVEX_URL`, the build already gets
// NEXT_PUBLIC_CONVEX_URL, and the site URL under a name the CLI picks from the package.json of the folder it runs in
// (convex/), not the app's: `--cmd-url-env-var-name` renames only the first. convex/ has `vite` (its tests), so it is
// VITE_CONVEX_SITE_URL; a plain Node project gets CONVEX_SITE_URL. Either is taken as given, so a deploy build asks
// nothing.

type Env = Record<string, string | undefined>;

const TIMEOUT_MS = 10_000;

export class SelfHostedError extends Error {}

const value = (env: Env, name: string) => {
  const raw = (env[name] ?? "").trim();
  return raw === "" ? undefined : raw;
};

interface CanonicalUrls {
  convexCloudUrl: string;
  convexSiteUrl: string;
}

function isCanonicalUrls(body: unknown): body is CanonicalUrls {
  if (typeof body !== "object" || body === null) return false;
  const { convexCloudUrl, convexSiteUrl } = body as Record<string, unknown>;
  return typeof convexCloudUrl === "string" && typeof convexSiteUrl === "string";
}

/** GET <deployment>/api/v1/get_canonical_urls with the admin key, bounded in time, every failure said plainly. */
export async function fetchCanonicalUrls(url: string, adminKey: string): Promise<CanonicalUrls> {
  const endpoint = `${url.replace(/\/+$/, "")}/api/v1/get_canonical_urls`;
  let response: Response;
  try {
    response = await fetch(endpoint, {
      headers: { Authorization: `Convex ${adminKey}` },
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (error) {
    throw new SelfHostedError(
      `Cannot reach the self-hosted Convex deployment at ${url} (CONVEX_SELF_HOSTED_URL): ` +
        `${error instanceof Error ? error.message : String(error)}. Is it running (\`docker compose ps\`)?`,
    );
  }
  if (response.status === 401 || response.status === 403) {
    throw new SelfHostedError(
      `The self-hosted Convex deployment at ${url} refused CONVEX_SELF_HOSTED_ADMIN_KEY (${response.status}): ` +
        "use the key `docker compose exec backend ./generate_admin_key.sh` printed for this deployment.",
    );
  }
  const body: unknown = response.ok ? await response.json().catch(() => undefined) : undefined;
  if (!isCanonicalUrls(body)) {
    throw new SelfHostedError(
      `${endpoint} answered ${response.status} without the deployment's URLs: is CONVEX_SELF_HOSTED_URL the ` +
        "backend's API origin (port 3210 in docker-compose.yml), not the dashboard's or the HTTP actions'?",
    );
  }
  return body;
}

/**
 * NEXT_PUBLIC_CONVEX_URL and NEXT_PUBLIC_CONVEX_SITE_URL for the apps: each as set, else (the site URL) as `convex
 * deploy --cmd` names it, else asked of the deployment.
 */
export async function selfHostedAppEnv(env: Env): Promise<Record<string, string>> {
  const url = value(env, "CONVEX_SELF_HOSTED_URL");
  const adminKey = value(env, "CONVEX_SELF_HOSTED_ADMIN_KEY");
  if (url === undefined || adminKey === undefined) {
    throw new SelfHostedError(
      "CONVEX_SELF_HOSTED_URL and CONVEX_SELF_HOSTED_ADMIN_KEY must both be set.",
    );
  }
  let cloud = value(env, "NEXT_PUBLIC_CONVEX_URL");
  let site =
    value(env, "NEXT_PUBLIC_CONVEX_SITE_URL") ??
    value(env, "CONVEX_SITE_URL") ??
    value(env, "VITE_CONVEX_SITE_URL");
  if (cloud === undefined || site === undefined) {
    const canonical = await fetchCanonicalUrls(url, adminKey);
    cloud ??= canonical.convexCloudUrl;
    site ??= canonical.convexSiteUrl;
  }
  return { NEXT_PUBLIC_CONVEX_URL: cloud, NEXT_PUBLIC_CONVEX_SITE_URL: site };
}
