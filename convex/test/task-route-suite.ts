// The POST /api/tasks suite both routers' tests run (apps/app-router's Route Handler, apps/pages-router's API route),
// each with its own transport and a real local backend: the created task, every refusal of TASK_HTTP_CASES with
// nothing written, and the signed-in user's rate limit (429 + Retry-After, nothing written, another user unaffected).
import type { ConvexHttpClient } from "convex/browser";
import { describe, expect, it } from "vitest";

import { api } from "../convex/_generated/api";
import { DEFAULT_LIST } from "../shared/limits";
import { TASK_CREATION_LIMITS } from "../shared/rateLimit";
import { TASK_HTTP_CASES } from "./task-http-cases";

export interface TaskRouteUnderTest {
  /** Sends one POST to the route. */
  post(body: string, contentType: string): Promise<Response>;
  /** The backend the route writes to (convex-local's test backend), read once the tests run. */
  backend(): {
    http(): ConvexHttpClient;
    issuer: { sign(claims: { sub: string }): Promise<string> };
  };
  /** The token the route's mocked getConvexToken hands out. */
  session: { token: string | undefined };
}

export function taskRouteSuite(route: TaskRouteUnderTest): void {
  const post = (body: string, contentType = "application/json") => route.post(body, contentType);
  const listed = async () =>
    (await route.backend().http().query(api.tasks.list, { list: DEFAULT_LIST })).map(
      (task) => task.text,
    );
  const signIn = async (sub: string | undefined) => {
    route.session.token =
      sub === undefined ? undefined : await route.backend().issuer.sign({ sub });
  };

  describe("POST /api/tasks", () => {
    it("adds the trimmed text to the public list: 201 with the task", async () => {
      const text = `route ${crypto.randomUUID().slice(0, 8)}`;
      const response = await post(JSON.stringify({ text: ` ${text} ` }));
      expect(response.status).toBe(201);
      expect(await response.json()).toEqual({ id: expect.any(String) as string, text });
      expect(await listed()).toContain(text);
    });

    it.each(TASK_HTTP_CASES)(
      "answers $name with $status and writes nothing",
      async ({ body, contentType, status, error }) => {
        const before = await listed();
        const response = await post(body, contentType);
        expect(response.status).toBe(status);
        expect(await response.json()).toEqual({ error });
        expect(await listed()).toEqual(before);
      },
    );

    it("writes as the signed-in user; over their limit 429 with Retry-After, nothing written", async () => {
      const sub = `user_${crypto.randomUUID().slice(0, 8)}`;
      await signIn(sub);
      try {
        for (let index = 0; index < TASK_CREATION_LIMITS.createTask.capacity; index++)
          expect((await post(JSON.stringify({ text: `limited ${index}` }))).status).toBe(201);
        const text = `over the limit ${crypto.randomUUID().slice(0, 8)}`;
        const refused = await post(JSON.stringify({ text }));
        expect(refused.status).toBe(429);
        expect(Number(refused.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
        expect(await refused.json()).toEqual({
          error: expect.stringMatching(/^Too many new tasks: try again in \d+ s\.$/) as string,
        });
        expect(await listed()).not.toContain(text);
        // Another user's bucket is their own.
        await signIn(`${sub}-other`);
        expect((await post(JSON.stringify({ text: `${text} other` }))).status).toBe(201);
      } finally {
        await signIn(undefined);
      }
    });
  });
}
