// The shared page sections: LiveDemo wired to a real backend (a task added in its form reaches both lists),
// and the server-rendered StaticTaskList.
import { api } from "@repo/convex/api";
import type { Id } from "@repo/convex/dataModel";
import { DEFAULT_LIST } from "@repo/convex/limits";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { ConvexProvider } from "convex/react";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { LiveDemo, StaticTaskList } from "../src/demo-sections";
import type { TestBackend } from "./support/backend";
import { startBackend } from "./support/backend";

let backend: TestBackend;
beforeAll(async () => {
  backend = await startBackend();
});
afterAll(async () => {
  await backend.stop();
});

describe("LiveDemo", () => {
  it("has a page heading and labelled sections, and a new task reaches both lists", async () => {
    render(
      <ConvexProvider client={backend.reactClient()}>
        <LiveDemo />
      </ConvexProvider>,
    );
    expect(screen.getByRole("heading", { level: 1 }).textContent).toBe("Live tasks");
    const list = screen.getByRole("region", { name: `List “${DEFAULT_LIST}”` });
    const pages = screen.getByRole("region", { name: "Newest first, paginated" });
    const counter = screen.getByRole("region", { name: "Counter (mutation from the browser)" });
    expect(within(counter).getByRole("status", { name: "Counter home" })).toBeTruthy();

    await within(list).findByText("No tasks yet.");
    fireEvent.change(within(list).getByLabelText("New task"), { target: { value: "Shared" } });
    fireEvent.click(within(list).getByRole("button", { name: "Add" }));
    expect(await within(list).findByText("Shared")).toBeTruthy();
    // The paginated list has no optimistic insert: it shows the task once the server has it.
    expect(await within(pages).findByText("Shared")).toBeTruthy();
    await waitFor(async () =>
      expect(
        (await backend.http().query(api.tasks.list, { list: DEFAULT_LIST })).map((t) => t.text),
      ).toEqual(["Shared"]),
    );
  });
});

describe("StaticTaskList", () => {
  it("renders the given tasks, done ones marked, with no Convex client", () => {
    render(
      <StaticTaskList
        tasks={[
          { _id: "t1" as Id<"tasks">, _creationTime: 1, text: "one", done: false },
          { _id: "t2" as Id<"tasks">, _creationTime: 2, text: "two", done: true },
        ]}
      />,
    );
    const items = within(screen.getByRole("list", { name: "Tasks" })).getAllByRole("listitem");
    expect(items.map((item) => [item.textContent, item.className])).toEqual([
      ["one", "task"],
      ["two", "task done"],
    ]);
  });

  it("says so when there are none", () => {
    render(<StaticTaskList tasks={[]} />);
    expect(screen.getByText("No tasks yet.")).toBeTruthy();
    expect(screen.queryByRole("list")).toBeNull();
  });
});
