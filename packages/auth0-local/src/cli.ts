// auth0-local [--port N]: runs the local Auth0-compatible server in the foreground.
import { SEEDED_USERS } from "@repo/local-server/seeded-users";

import { DEFAULT_CLIENT_ID } from "./clients";
import { readCliSettings } from "./env";
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
    `auth0-local ready`,
    `  AUTH0_DOMAIN:   ${server.url}`,
    `  issuer:         ${server.issuer}`,
    `  client id:      ${DEFAULT_CLIENT_ID}`,
    `  data:           ${settings.dataDir}`,
    `  seeded users:   ${SEEDED_USERS.map((user) => `${user.email} / ${user.password}`).join(", ")}`,
  ].join("\n"),
);
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => void server.stop().finally(() => process.exit(0)));
}
