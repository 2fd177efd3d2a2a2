export type { ConvexLocal, ConvexLocalOptions } from "./server";
export { startConvexLocal } from "./server";
