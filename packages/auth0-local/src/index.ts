export { auth0AppEnv, oidcAppEnv } from "./app-env";
export type { Auth0LocalClient } from "./clients";
export { DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET, defaultClients } from "./clients";
export { WRONG_CREDENTIALS } from "./interactions";
export type { Auth0Local, Auth0LocalOptions } from "./server";
export { startAuth0Local } from "./server";
export type { Flavor } from "./flavor";
export { FLAVORS } from "./flavor";
export type { SeedUser } from "./accounts";
