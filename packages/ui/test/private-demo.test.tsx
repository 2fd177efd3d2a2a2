// The /private page's sections and useStoreUser, signed in through Convex's real auth with a test-issuer token.
import { api } from "@repo/convex/api";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { AuthGate, useStoreUser } from "../src/auth-controls";
import { PrivateDemo } from "../src/demo-sections";
import type { TestAuth } from "./support/auth";
import { SIGNED_OUT, signedIn, WithTestAuth } from "./support/auth";
import type { TestBackend } from "./support/backend";
import { startBackend } from "./support/backend";

let backend: TestBackend;
beforeAll(async () => {
  backend = await startBackend();
});
afterAll(async () => {
  await backend.stop();
});

function StoreUser() {
  useStoreUser();
  return null;
}

describe("useStoreUser", () => {
  it("creates the user's row when Convex accepts their token, not before", async () => {
    const token = await backend.issuer.sign({ sub: "user_store", name: "Ada Lovelace" });
    const client = backend.reactClient();
    const tree = (auth: TestAuth) => (
      <WithTestAuth auth={auth} client={client}>
        <AuthGate signedOut={<p>Signed out</p>}>
          <p>Signed in</p>
        </AuthGate>
        <StoreUser />
      </WithTestAuth>
    );
    // Signed out first: nothing to store (a call now would fail "Sign in first." and never be retried).
    const view = render(tree(SIGNED_OUT));
    await screen.findByText("Signed out");
    expect(await backend.http(token).query(api.users.me, {})).toBeNull();

    view.rerender(tree(signedIn(token)));
    await screen.findByText("Signed in");
    await waitFor(async () =>
      expect(await backend.http(token).query(api.users.me, {})).toMatchObject({
        name: "Ada Lovelace",
      }),
    );
  });
});

describe("PrivateDemo", () => {
  it("lets a signed-in user add private tasks that only they see", async () => {
    const token = await backend.issuer.sign({ sub: "user_private" });
    render(
      <WithTestAuth auth={signedIn(token)} client={backend.reactClient()}>
        <PrivateDemo />
      </WithTestAuth>,
    );
    expect(screen.getByRole("heading", { level: 1, name: "Private tasks" })).toBeTruthy();
    const section = await screen.findByRole("region", { name: "Only you can see these" });
    expect(await within(section).findByText("No private tasks yet.")).toBeTruthy();

    fireEvent.change(within(section).getByLabelText("New private task"), {
      target: { value: "Dentist at 3" },
    });
    fireEvent.click(within(section).getByRole("button", { name: "Add" }));
    expect(await within(section).findByText("Dentist at 3")).toBeTruthy();
    await waitFor(async () =>
      expect(
        (await backend.http(token).query(api.tasks.mine, {})).map((task) => task.text),
      ).toEqual(["Dentist at 3"]),
    );
    // Another user does not see it.
    expect(
      await backend
        .http(await backend.issuer.sign({ sub: "someone_else" }))
        .query(api.tasks.mine, {}),
    ).toEqual([]);
  });
});
