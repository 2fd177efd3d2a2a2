export type { ConvexLocal, ConvexLocalOptions } from "./server";
export { startConvexLocal } from "./server";
export type { SpawnedConvexLocal, SpawnOptions } from "./spawn";
export { freePort, spawnConvexLocal } from "./spawn";
export { loadOrCreateAdminKey } from "./admin-key";
