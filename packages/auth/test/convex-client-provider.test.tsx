// ConvexClientProvider with Clerk's useAuth replaced by a controllable stand-in (Clerk cannot load offline in a
// test), and everything below it real: ConvexProviderWithClerk, the client, and a local backend checking tokens.
import type { TestBackend } from "@repo/convex-local/testing";
import { startBackend, uniqueName } from "@repo/convex-local/testing";
import { api } from "@repo/convex/api";
import { render, screen, waitFor } from "@testing-library/react";
import type { ConvexReactClient } from "convex/react";
import { Authenticated, Unauthenticated, useConvex, useQuery } from "convex/react";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

import { ConvexClientProvider } from "../src/clerk/convex-client-provider";

interface ClerkAuth {
  isLoaded: boolean;
  isSignedIn: boolean | undefined;
  sessionId: string | null;
  sessionClaims: { aud?: string } | null;
  getToken: (options?: { template?: string; skipCache?: boolean }) => Promise<string | null>;
}
const clerk = vi.hoisted((): { current?: ClerkAuth } => ({}));
vi.mock("@clerk/react", () => ({ useAuth: () => clerk.current }));

let backend: TestBackend;
const seen = new Set<ConvexReactClient>();
beforeAll(async () => {
  backend = await startBackend();
});
afterAll(async () => {
  // The provider keeps one client per URL for the app's lifetime; close the ones this file made.
  await Promise.all([...seen].map((client) => client.close()));
  await backend.stop();
});

function setClerk(auth: Partial<ClerkAuth>) {
  const value: ClerkAuth = {
    isLoaded: true,
    isSignedIn: false,
    sessionId: null,
    sessionClaims: null,
    getToken: () => Promise.resolve(null),
    ...auth,
  };
  clerk.current = value;
  return value;
}
beforeEach(() => setClerk({}));

function TaskTexts({ list }: { list: string }) {
  const tasks = useQuery(api.tasks.list, { list });
  return (
    <ul>
      {tasks?.map((task) => (
        <li key={task._id}>{task.text}</li>
      ))}
    </ul>
  );
}

function Client({ onClient }: { onClient: (client: ConvexReactClient) => void }) {
  const client = useConvex();
  seen.add(client);
  onClient(client);
  return null;
}

describe("ConvexClientProvider", () => {
  it("gives a signed-out visitor live results once Clerk reports no session", async () => {
    const list = uniqueName("public");
    await backend.http().mutation(api.tasks.create, { text: "visible to all", list });
    render(
      <ConvexClientProvider url={backend.url}>
        <Client onClient={() => undefined} />
        <TaskTexts list={list} />
      </ConvexClientProvider>,
    );
    expect(await screen.findByText("visible to all")).toBeTruthy();
  });

  it('signs in with the "convex" template token, which Convex accepts', async () => {
    const token = await backend.issuer.sign({ sub: "user_clerk" });
    const { getToken } = setClerk({
      isSignedIn: true,
      sessionId: "sess_1",
      getToken: vi.fn(() => Promise.resolve(token)),
    });
    render(
      <ConvexClientProvider url={backend.url}>
        <Authenticated>
          <p>Signed in</p>
        </Authenticated>
        <Unauthenticated>
          <p>Signed out</p>
        </Unauthenticated>
      </ConvexClientProvider>,
    );
    expect(await screen.findByText("Signed in")).toBeTruthy();
    expect(getToken).toHaveBeenCalledWith(expect.objectContaining({ template: "convex" }));
  });

  it("reuses one client per URL across mounts", async () => {
    const clients: ConvexReactClient[] = [];
    const tree = (url: string) => (
      <ConvexClientProvider url={url}>
        <Client onClient={(client) => clients.push(client)} />
      </ConvexClientProvider>
    );
    render(tree(backend.url)).unmount();
    render(tree(backend.url)).unmount();
    // Another spelling of the same server is another deployment URL, hence another client.
    render(tree(backend.url.replace("127.0.0.1", "localhost"))).unmount();
    await waitFor(() => expect(clients.length).toBeGreaterThanOrEqual(3));
    expect(new Set(clients).size).toBe(2);
    expect(clients[0]?.url).toBe(backend.url);
  });
});
