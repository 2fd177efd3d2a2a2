// Private tasks: visible to their owner (live on /private, server-rendered on /server-auth), never to another user.
import {
  addPrivateTask,
  expectServerRenderedFor,
  removePrivateTask,
} from "../fixtures/private-tasks";
import { expect, test } from "../fixtures/test";

test(
  "a private task is seen by its owner only",
  { tag: "@auth" },
  async ({ pageAs, uniqueText }) => {
    const text = uniqueText("Secret");
    const alice = await pageAs("alice");
    await alice.goto("/private");
    await addPrivateTask(alice, text);

    // Server-rendered with Alice's token: in the HTML of the document itself.
    const response = await alice.goto("/server-auth");
    expect(await response?.text()).toContain(text);
    await expectServerRenderedFor(alice, "Alice Anders");
    await expect(alice.getByRole("listitem").filter({ hasText: text })).toBeVisible();

    const bob = await pageAs("bob");
    const bobsDocument = await bob.goto("/server-auth");
    await expectServerRenderedFor(bob, "Bob Brandt");
    expect(await bobsDocument?.text()).not.toContain(text);
    await bob.goto("/private");
    await expect(bob.getByRole("heading", { name: "Only you can see these" })).toBeVisible();
    await expect(bob.getByText("Loading tasks…")).toHaveCount(0);
    await expect(bob.getByText(text)).toHaveCount(0);

    // The owner removes it (owned tasks are not cleaned up anonymously).
    await removePrivateTask(alice, text);
  },
);
