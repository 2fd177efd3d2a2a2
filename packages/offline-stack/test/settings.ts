// Stack settings for tests: every port 0 (the servers a test does not start are never contacted), Clerk, one app
// URL; a test names only what it is about.
import type { StackSettings } from "../src/env";

export function testSettings(
  settings: Partial<StackSettings> & Pick<StackSettings, "dataDir">,
): StackSettings {
  return {
    authProvider: "clerk",
    convexPort: 0,
    convexSitePort: 0,
    clerkPort: 0,
    auth0Port: 0,
    oidcPort: 0,
    appUrls: ["http://localhost:3000"],
    ...settings,
  };
}
