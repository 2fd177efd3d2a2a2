// clerk-local [--fetch-assets]: runs the local Clerk server in the foreground, or only caches the browser bundles.
import { SEEDED_USERS } from "@repo/local-server/seeded-users";

import { ensureAssets } from "./assets";
import { readCliSettings } from "./env";
import { PUBLISHABLE_KEY } from "./instance";
import { startClerkLocal } from "./server";
import { SettingsError } from "./settings";

if (process.argv.includes("--fetch-assets")) {
  ensureAssets(console.log);
  process.exit(0);
}

let settings: ReturnType<typeof readCliSettings>;
try {
  settings = readCliSettings();
} catch (error) {
  console.error((error as Error).message);
  process.exit(2);
}
let server: Awaited<ReturnType<typeof startClerkLocal>>;
try {
  server = await startClerkLocal(settings);
} catch (error) {
  // A bad settings file or a busy port: say what is wrong, without a stack trace.
  if (!(error instanceof SettingsError) && !(error as Error).message.startsWith("Port "))
    throw error;
  console.error((error as Error).message);
  process.exit(2);
}
console.log(
  [
    `clerk-local ready`,
    `  Frontend + Backend API:  ${server.url}`,
    `  OIDC issuer (Convex):    ${server.issuer}`,
    `  Convex setup:            ${server.convexIntegration === "native" ? "Convex integration (session tokens, aud convex)" : 'JWT template "convex"'}`,
    ...(server.https === null
      ? []
      : [
          `  HTTPS (direct mode):     ${server.https.url}`,
          `  trust it in Chromium:    --ignore-certificate-errors-spki-list=${server.https.spkiHash}`,
        ]),
    `  publishable key:         ${PUBLISHABLE_KEY}`,
    `  data:                    ${settings.dataDir}`,
    `  seeded users:            ${SEEDED_USERS.map((user) => `${user.email} / ${user.password}`).join(", ")}`,
  ].join("\n"),
);
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => void server.stop().finally(() => process.exit(0)));
}
