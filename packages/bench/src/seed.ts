// Puts data in the fresh database so every measured page renders a real list, not an empty state.
import { api } from "@repo/convex/api";
import { DEFAULT_LIST } from "@repo/convex/limits";
import { ConvexHttpClient } from "convex/browser";

import { SEED_PRIVATE_TASKS, SEED_TASKS } from "./config";

export async function seedPublicTasks(convexUrl: string): Promise<void> {
  const client = new ConvexHttpClient(convexUrl);
  for (let i = 1; i <= SEED_TASKS; i++) {
    await client.mutation(api.tasks.create, { text: `Benchmark task ${i}`, list: DEFAULT_LIST });
  }
}

export async function seedPrivateTasks(convexUrl: string, token: string): Promise<void> {
  const client = new ConvexHttpClient(convexUrl);
  client.setAuth(token);
  for (let i = 1; i <= SEED_PRIVATE_TASKS; i++) {
    await client.mutation(api.tasks.create, { text: `Private benchmark task ${i}` });
  }
}
