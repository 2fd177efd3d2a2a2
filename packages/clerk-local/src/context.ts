// What every route handler (Frontend API, Backend API, OIDC) gets: the instance's store, keys and identity.
import type { ExpiringMap } from "./expiring-map";
import type { InstanceKeys } from "./keys";
import type { InstanceSettings } from "./settings";
import type { LockoutPolicy, Store } from "./store";

export interface ServerContext {
  store: Store;
  keys: InstanceKeys;
  /** This server's URL. */
  url: string;
  /**
   * The issuer Convex trusts (its OIDC discovery is served here): with the Convex integration ("native") the session
   * tokens' `iss`, Clerk's Frontend API URL; with the "convex" template, this server's URL, the template's `iss`.
   */
  issuer: string;
  applicationName: string;
  /** Identifiers and required sign-up fields (the settings file). */
  settings: InstanceSettings;
  /** User lockout after failed sign-in verifications. */
  lockout: LockoutPolicy;
  /** Nonce -> handshake cookies, for `format=nonce` handshakes read back over the Backend API. */
  handshakeNonces: ExpiringMap<string[]>;
}
