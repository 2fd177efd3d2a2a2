// The browser bundle's @repo/auth/env (package.json's "browser" condition: src/browser-env.ts) has the server
// module's exports but validateAppEnv, typed alike, so an app's env.ts means the same in both bundles. Type
// assertions only: checked by `pnpm typecheck`.
import { expectTypeOf } from "vitest";

import type * as browserEnv from "../src/browser-env";
import type * as serverEnv from "../src/env";

expectTypeOf<Exclude<keyof typeof serverEnv, "validateAppEnv">>().toEqualTypeOf<
  keyof typeof browserEnv
>();
expectTypeOf<typeof browserEnv>().toEqualTypeOf<Pick<typeof serverEnv, keyof typeof browserEnv>>();
