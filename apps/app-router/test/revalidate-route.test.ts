// The Route Handler Convex calls after a public write: with the shared secret it drops the list's cache tag at once
// (revalidateTag with expire 0) and the page showing it (revalidatePath); a missing or wrong secret gets 401 and bad input a 4xx, and neither drops anything.
import { beforeEach, describe, expect, it, vi } from "vitest";

import {
  AUTHORIZED_HEADERS,
  REVALIDATE_REFUSALS,
  TEST_SECRET,
} from "../../../convex/test/revalidate-http-cases";

const secret = vi.hoisted(() => ({ value: undefined as string | undefined }));
vi.mock("../env", () => ({
  env: {
    get revalidateSecret() {
      return secret.value;
    },
  },
}));
// Next's cache lives in its server; outside it, what the route asks of the cache is what is checked.
const revalidateTag = vi.hoisted(() => vi.fn());
const revalidatePath = vi.hoisted(() => vi.fn());
vi.mock("next/cache", () => ({ revalidatePath, revalidateTag }));

const { GET, POST } = await import("../app/api/revalidate/route");

const post = (headers: Record<string, string>, body: string) =>
  POST(new Request("http://localhost/api/revalidate", { method: "POST", headers, body }));

beforeEach(() => {
  secret.value = TEST_SECRET;
  revalidateTag.mockClear();
  revalidatePath.mockClear();
});

describe("POST /api/revalidate", () => {
  it("drops the list's tag at once and the page showing it, with the right secret", async () => {
    const response = await post(AUTHORIZED_HEADERS, JSON.stringify({ list: "demo" }));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      revalidated: { tags: ["tasks:list:demo"], paths: ["/cached"] },
    });
    expect(revalidateTag).toHaveBeenCalledExactlyOnceWith("tasks:list:demo", { expire: 0 });
    expect(revalidatePath).toHaveBeenCalledExactlyOnceWith("/cached");
  });

  it("drops only the tag of a list no cached page shows", async () => {
    const response = await post(AUTHORIZED_HEADERS, JSON.stringify({ list: "other" }));
    expect(await response.json()).toEqual({
      revalidated: { tags: ["tasks:list:other"], paths: [] },
    });
    expect(revalidatePath).not.toHaveBeenCalled();
  });

  it.each(REVALIDATE_REFUSALS.map((c) => [c.name, c] as const))(
    "refuses %s and drops nothing",
    async (_name, refusal) => {
      const response = await post(refusal.headers, refusal.body);
      expect(response.status).toBe(refusal.status);
      expect(await response.json()).toEqual({ error: refusal.error });
      if (refusal.status === 401) expect(response.headers.get("www-authenticate")).toBe("Bearer");
      expect(revalidateTag).not.toHaveBeenCalled();
      expect(revalidatePath).not.toHaveBeenCalled();
    },
  );

  it("refuses everything when the app has no secret configured", async () => {
    secret.value = undefined;
    const response = await post(AUTHORIZED_HEADERS, JSON.stringify({ list: "demo" }));
    expect(response.status).toBe(401);
    expect(revalidateTag).not.toHaveBeenCalled();
  });

  it("answers other methods with 405 and Allow: POST", () => {
    const response = GET();
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("POST");
  });
});
