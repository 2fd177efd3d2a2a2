// PaginatedTasks against a real backend: newest first, five at a time, "Load more" until exhausted, live.
import { api } from "@repo/convex/api";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { ConvexProvider } from "convex/react";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { PaginatedTasks } from "../src/paginated-tasks";
import type { TestBackend } from "./support/backend";
import { startBackend, uniqueName } from "./support/backend";

let backend: TestBackend;
beforeAll(async () => {
  backend = await startBackend();
});
afterAll(async () => {
  await backend.stop();
});

async function seed(list: string, count: number) {
  for (let i = 1; i <= count; i++)
    await backend.http().mutation(api.tasks.create, { text: `task ${i}`, list });
}

function renderPages(list: string) {
  render(
    <ConvexProvider client={backend.reactClient()}>
      <PaginatedTasks list={list} />
    </ConvexProvider>,
  );
}

const shown = () =>
  within(screen.getByRole("list", { name: "Newest tasks" }))
    .getAllByRole("listitem")
    .map((item) => item.textContent);

describe("PaginatedTasks", () => {
  it("loads the newest five, then the rest on 'Load more'", async () => {
    const list = uniqueName("pages");
    await seed(list, 7);
    renderPages(list);
    expect(screen.getByRole("status").textContent).toBe("Loading…");
    const more = await screen.findByRole("button", { name: "Load more" });
    expect(shown()).toEqual(["task 7", "task 6", "task 5", "task 4", "task 3"]);
    expect(more).toHaveProperty("disabled", false);

    fireEvent.click(more);
    await waitFor(() => expect(shown()).toHaveLength(7));
    expect(shown().slice(5)).toEqual(["task 2", "task 1"]);
    const done = await screen.findByRole("button", { name: "All loaded" });
    expect(done).toHaveProperty("disabled", true);
  });

  it("says so when the list is empty", async () => {
    renderPages(uniqueName("none"));
    expect(await screen.findByText("Nothing here yet.")).toBeTruthy();
    expect(screen.getByRole("button", { name: "All loaded" })).toHaveProperty("disabled", true);
  });

  it("puts a task added elsewhere at the top, and marks done tasks", async () => {
    const list = uniqueName("live");
    await seed(list, 2);
    renderPages(list);
    await screen.findByRole("button", { name: "All loaded" });
    const id = await backend.http().mutation(api.tasks.create, { text: "newest", list });
    await waitFor(() => expect(shown()).toEqual(["newest", "task 2", "task 1"]));
    await backend.http().mutation(api.tasks.toggle, { id });
    await waitFor(() => expect(screen.getByText("newest").className).toBe("done"));
    expect(screen.getByText("task 1").className).toBe("");
  });
});
