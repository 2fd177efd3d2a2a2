// The components this backend mounts (https://docs.convex.dev/components): the rate limiter behind task creation.
import rateLimiter from "@convex-dev/rate-limiter/convex.config.js";
import { defineApp } from "convex/server";

const app = defineApp();
app.use(rateLimiter);
export default app;
