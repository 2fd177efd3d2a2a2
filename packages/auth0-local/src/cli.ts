// auth0-local [--port N] [--flavor auth0|oidc]: runs the local Auth0-compatible server (or, with --flavor oidc, the
// plain OpenID provider) in the foreground.
import { SEEDED_USERS } from "@repo/local-server/seeded-users";

import { readCliSettings } from "./env";
import { FLAVORS } from "./flavor";
import { startAuth0Local } from "./server";

let settings: ReturnType<typeof readCliSettings>;
try {
  settings = readCliSettings(process.argv.slice(2));
} catch (error) {
  console.error((error as Error).message);
  process.exit(2);
}
const server = await startAuth0Local(settings);
console.log(
  [
    `${FLAVORS[settings.flavor].name} ready`,
    `  URL:            ${server.url}`,
    `  issuer:         ${server.issuer}`,
    `  client id:      ${FLAVORS[settings.flavor].clientId}`,
    `  data:           ${settings.dataDir}`,
    `  seeded users:   ${SEEDED_USERS.map((user) => `${user.email} / ${user.password}`).join(", ")}`,
  ].join("\n"),
);
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => void server.stop().finally(() => process.exit(0)));
}
