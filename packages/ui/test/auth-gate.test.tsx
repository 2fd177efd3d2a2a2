// AuthGate follows whether *Convex* accepted the token: checked with Convex's real auth state machine and a real
// backend verifying tokens from a test issuer (Clerk itself is not involved).
import { api } from "@repo/convex/api";
import { render, screen } from "@testing-library/react";
import type { ConvexReactClient } from "convex/react";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { AuthGate } from "../src/auth-controls";
import type { TestAuth } from "./support/auth";
import { LOADING, SIGNED_OUT, signedIn, WithTestAuth } from "./support/auth";
import type { TestBackend } from "./support/backend";
import { startBackend } from "./support/backend";

let backend: TestBackend;
beforeAll(async () => {
  backend = await startBackend();
});
afterAll(async () => {
  await backend.stop();
});

function Gate({ auth, client }: { auth: TestAuth; client: ConvexReactClient }) {
  return (
    <WithTestAuth auth={auth} client={client}>
      <AuthGate signedOut={<p>Please sign in.</p>}>
        <p>Secret content</p>
      </AuthGate>
    </WithTestAuth>
  );
}

function renderGate(auth: TestAuth) {
  const client = backend.reactClient();
  const view = render(<Gate auth={auth} client={client} />);
  return {
    client,
    rerender: (next: TestAuth) => view.rerender(<Gate auth={next} client={client} />),
  };
}

describe("AuthGate", () => {
  it("shows a labelled loading state while the auth provider is loading", () => {
    renderGate(LOADING);
    expect(screen.getByRole("status", { name: "Checking sign-in" }).textContent).toBe(
      "Checking sign-in…",
    );
    expect(screen.queryByText("Secret content")).toBeNull();
    expect(screen.queryByText("Please sign in.")).toBeNull();
  });

  it("shows the signed-out view when there is no session", async () => {
    renderGate(SIGNED_OUT);
    expect(await screen.findByText("Please sign in.")).toBeTruthy();
    expect(screen.queryByText("Secret content")).toBeNull();
    expect(screen.queryByRole("status")).toBeNull();
  });

  it("shows the children once Convex has accepted the token, and hides them on sign-out", async () => {
    const { rerender } = renderGate(signedIn(await backend.issuer.sign({ sub: "user_gate" })));
    // The provider says "signed in", but until the backend confirms the token the gate still waits.
    expect(screen.getByRole("status", { name: "Checking sign-in" })).toBeTruthy();
    expect(await screen.findByText("Secret content")).toBeTruthy();
    expect(screen.queryByText("Please sign in.")).toBeNull();

    rerender(SIGNED_OUT);
    expect(await screen.findByText("Please sign in.")).toBeTruthy();
    expect(screen.queryByText("Secret content")).toBeNull();
  });

  it("stays signed out when the provider has a session but Convex rejects its token", async () => {
    // Signed by a key the issuer never published: the provider claims a session, Convex refuses it.
    const forged = await backend.issuer.forge({ sub: "user_forged" });
    renderGate(signedIn(forged));
    expect(await screen.findByText("Please sign in.")).toBeTruthy();
    expect(screen.queryByText("Secret content")).toBeNull();
    // The token really is one the backend refuses (so the signed-out view is Convex's verdict).
    await expect(backend.http(forged).query(api.users.me, {})).rejects.toThrow();
  });
});
