// TaskForm + TaskList against a real backend: what the user sees must match what the server stored.
import { api } from "@repo/convex/api";
import { TASK_TEXT_MAX } from "@repo/convex/limits";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { ConvexProvider } from "convex/react";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { TaskForm, validateTaskText } from "../src/task-form";
import { TaskList } from "../src/task-list";
import type { TestBackend } from "./support/backend";
import { startBackend, uniqueName } from "./support/backend";

let backend: TestBackend;
beforeAll(async () => {
  backend = await startBackend();
});
afterAll(async () => {
  await backend.stop();
});

function renderList(list: string) {
  render(
    <ConvexProvider client={backend.reactClient()}>
      <TaskForm list={list} />
      <TaskList list={list} />
    </ConvexProvider>,
  );
  return {
    input: screen.getByLabelText("New task"),
    add: screen.getByRole("button", { name: "Add" }),
    alert: screen.getByRole("alert"),
  };
}

describe("validateTaskText", () => {
  it("refuses empty and oversize text, counting the trimmed length", () => {
    expect(validateTaskText("   ")).toBe("Task text must not be empty.");
    expect(validateTaskText("x".repeat(TASK_TEXT_MAX + 1))).toBe(
      `Task text must be at most ${TASK_TEXT_MAX} characters.`,
    );
    expect(validateTaskText(` ${"x".repeat(TASK_TEXT_MAX)} `)).toBeNull();
  });
});

describe("TaskForm with TaskList", () => {
  it("shows the loading state, then the empty list", async () => {
    renderList(uniqueName("empty"));
    expect(screen.getByRole("status")).toHaveProperty("textContent", "Loading tasks…");
    expect(await screen.findByText("No tasks yet.")).toBeTruthy();
  });

  it("adds a task: it appears in the list, the input clears, and the server has it", async () => {
    const list = uniqueName("create");
    const { input, add } = renderList(list);
    await screen.findByText("No tasks yet.");
    fireEvent.change(input, { target: { value: "  Buy milk  " } });
    fireEvent.click(add);
    const items = await screen.findByRole("list", { name: "Tasks" });
    expect(within(items).getByText("Buy milk")).toBeTruthy();
    expect(input).toHaveProperty("value", "");
    await waitFor(async () => {
      const stored = await backend.http().query(api.tasks.list, { list });
      expect(stored.map((task) => [task.text, task.done])).toEqual([["Buy milk", false]]);
    });
    // Once confirmed, the row is the server's document (the optimistic draft is gone).
    await waitFor(() => expect(within(items).getAllByRole("listitem")).toHaveLength(1));
  });

  it("refuses too-long text before any request, says why, and writes nothing", async () => {
    const list = uniqueName("too-long");
    const { input, add, alert } = renderList(list);
    await screen.findByText("No tasks yet.");
    const text = "x".repeat(TASK_TEXT_MAX + 1);
    fireEvent.change(input, { target: { value: text } });
    fireEvent.click(add);
    expect(alert.textContent).toBe(`Task text must be at most ${TASK_TEXT_MAX} characters.`);
    expect(input.getAttribute("aria-invalid")).toBe("true");
    expect(input.getAttribute("aria-describedby")).toBe(alert.id);
    // The text stays, so the user can shorten it.
    expect(input).toHaveProperty("value", text);
    expect(await backend.http().query(api.tasks.list, { list })).toEqual([]);
    expect(screen.getByText("No tasks yet.")).toBeTruthy();
  });

  it("refuses whitespace-only text and writes nothing", async () => {
    const list = uniqueName("blank");
    const { input, add, alert } = renderList(list);
    fireEvent.change(input, { target: { value: "   " } });
    fireEvent.click(add);
    expect(alert.textContent).toBe("Task text must not be empty.");
    expect(await backend.http().query(api.tasks.list, { list })).toEqual([]);
  });

  it("shows the server's ConvexError and gives the text back", async () => {
    // A list name over the limit passes the client check but the server rejects it. (No TaskList here: its
    // query would reject the same name and throw during render.)
    const client = backend.reactClient();
    render(
      <ConvexProvider client={client}>
        <TaskForm list={"l".repeat(65)} />
      </ConvexProvider>,
    );
    const input = screen.getByLabelText("New task");
    fireEvent.change(input, { target: { value: "Rejected by the server" } });
    fireEvent.click(screen.getByRole("button", { name: "Add" }));
    // The input clears at once (optimistic), then gets the text back with the server's reason.
    expect(input).toHaveProperty("value", "");
    await waitFor(() =>
      expect(screen.getByRole("alert").textContent).toBe(
        "List name must be at most 64 characters (got 65).",
      ),
    );
    expect(input).toHaveProperty("value", "Rejected by the server");
    expect(input.getAttribute("aria-invalid")).toBe("true");
  });

  it("clears the error after a successful retry", async () => {
    const list = uniqueName("retry");
    const { input, add, alert } = renderList(list);
    fireEvent.click(add);
    expect(alert.textContent).toBe("Task text must not be empty.");
    fireEvent.change(input, { target: { value: "Second try" } });
    fireEvent.click(add);
    expect(alert.textContent).toBe("");
    expect(input.getAttribute("aria-invalid")).toBe("false");
    expect(await screen.findByText("Second try")).toBeTruthy();
  });

  it("without a list, tells a signed-out user to sign in and stores nothing", async () => {
    render(
      <ConvexProvider client={backend.reactClient()}>
        <TaskForm label="New private task" />
      </ConvexProvider>,
    );
    fireEvent.change(screen.getByLabelText("New private task"), {
      target: { value: "Secret" },
    });
    fireEvent.click(screen.getByRole("button", { name: "Add" }));
    await waitFor(() =>
      expect(screen.getByRole("alert").textContent).toBe("Sign in to add private tasks."),
    );
  });
});
