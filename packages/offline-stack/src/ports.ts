// Every loopback port any configuration of this repo listens on, in one table (test/ports.test.ts checks that no
// two collide and that the README lists them), and the check that a run's ports are free before it starts.
import { createServer } from "node:net";

/** The two apps' `next dev` / `next start`. */
export interface AppPorts {
  appRouter: number;
  pagesRouter: number;
}

/** The local servers of one stack (Convex, its HTTP actions, and whichever auth server AUTH_PROVIDER picks). */
export interface BackendPorts {
  convex: number;
  convexSite: number;
  clerk: number;
  auth0: number;
  oidc: number;
}

/**
 * The port table. Configurations that can run at the same time (a dev server beside an e2e run beside the benchmark)
 * never share a port; `e2e:hosted` runs after `e2e` and serves its apps on e2e's ports.
 */
export const PORTS = {
  /** `pnpm dev` / `npm run demo` (CONVEX_LOCAL_PORT, CONVEX_LOCAL_SITE_PORT, CLERK_LOCAL_PORT, AUTH0_LOCAL_PORT, OIDC_LOCAL_PORT move the servers). */
  dev: {
    appRouter: 3000,
    pagesRouter: 3001,
    convex: 3210,
    convexSite: 3211,
    clerk: 4100,
    auth0: 4200,
    oidc: 4210,
  },
  /** `pnpm e2e`, `e2e:auth0`, `e2e:oidc` and `e2e:clerk-template`; also the apps of `e2e:hosted`. */
  e2e: {
    appRouter: 3300,
    pagesRouter: 3301,
    convex: 3310,
    convexSite: 3311,
    clerk: 4300,
    auth0: 4301,
    oidc: 4302,
  },
  /** `e2e:hosted`: the local servers standing in for hosted Convex and Clerk. */
  hostedStandins: { convex: 3510, convexSite: 3511, clerk: 4500, auth0: 4501, oidc: 4502 },
  /** `pnpm bench`: the apps and their stack. */
  bench: {
    appRouter: 3400,
    pagesRouter: 3401,
    convex: 3410,
    convexSite: 3411,
    clerk: 4400,
    auth0: 4401,
    oidc: 4402,
  },
  /** `pnpm bench`: the floor apps (bare pages of each router). */
  benchFloor: { appRouter: 3402, pagesRouter: 3403 },
} as const satisfies Record<string, Partial<AppPorts & BackendPorts>>;

export type PortConfiguration = keyof typeof PORTS;

/** Who listens on a configuration's ports: the README's port table shows it. */
export const PORT_USERS: Record<PortConfiguration, string> = {
  dev: "`pnpm dev`, `npm run demo`",
  e2e: "`pnpm e2e`, `e2e:auth0`, `e2e:oidc`, `e2e:clerk-template` (and `e2e:hosted`'s apps)",
  hostedStandins: "`e2e:hosted`'s stand-ins for hosted Convex + Clerk",
  bench: "`pnpm bench`",
  benchFloor: "`pnpm bench`'s floor apps",
};

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once("error", () => resolve(false));
    probe.listen(port, "127.0.0.1", () => probe.close(() => resolve(true)));
  });
}

/**
 * Fails fast when something already listens on a port a run needs (most often a previous run left behind): reusing
 * it would mean yesterday's data, or someone else's server in the measurements.
 */
export async function assertPortsFree(ports: number[]): Promise<void> {
  const taken: number[] = [];
  for (const port of ports) if (!(await isFree(port))) taken.push(port);
  if (taken.length > 0) {
    throw new Error(
      `Port(s) ${taken.join(", ")} on 127.0.0.1 are in use. Stop what listens there ` +
        `(ss -ltnp 'sport = :${taken[0] ?? ""}') and retry.`,
    );
  }
}
