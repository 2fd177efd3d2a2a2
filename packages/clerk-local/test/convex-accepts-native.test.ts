// Convex accepts clerk-local's token for Convex with the native setup (the suite: ./convex-accepts.ts).
import { convexAcceptsSuite } from "./convex-accepts";

convexAcceptsSuite("native");
