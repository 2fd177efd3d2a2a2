// What every route handler (Frontend API, Backend API, OIDC) gets: the instance's store, keys and identity.
import type { InstanceKeys } from "./keys";
import type { Store } from "./store";

export interface ServerContext {
  store: Store;
  keys: InstanceKeys;
  /** This server's URL: the `iss` of `convex` template tokens and the OIDC issuer. */
  issuer: string;
  applicationName: string;
  /** Nonce -> handshake cookies, for `format=nonce` handshakes read back over the Backend API. */
  handshakeNonces: Map<string, string[]>;
}
