// The e2e builds' own folders, one per configuration the suite runs (offline with Clerk or Auth0, hosted): the ports
// and keys baked into each differ, and apart, a rerun of one configuration finds its own build's Turbopack cache.
// (One cache shared between them hung `next build`: see buildNextApp.) Its own module so that scripts/ can name
// the folder before the suite's env exists.
import type { AuthProviderName } from "@repo/auth/env";
import type { Mode } from "@repo/offline-stack/mode";

export const e2eDistDir = (mode: Mode, provider: AuthProviderName) =>
  `.next-e2e-${mode}-${provider}`;
