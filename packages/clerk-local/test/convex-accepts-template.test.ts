// Convex accepts clerk-local's token for Convex with the template setup (the suite: ./convex-accepts.ts).
import { convexAcceptsSuite } from "./convex-accepts";

convexAcceptsSuite("template");
