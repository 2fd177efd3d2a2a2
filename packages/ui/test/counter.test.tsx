// Counter against a real backend: the value shown is the server's, and failures are shown, not swallowed.
import { api } from "@repo/convex/api";
import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { ConvexProvider } from "convex/react";
import { ConvexError } from "convex/values";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

import { Counter } from "../src/counter";
import type { TestBackend } from "./support/backend";
import { startBackend, uniqueName } from "./support/backend";

let backend: TestBackend;
beforeAll(async () => {
  backend = await startBackend();
});
afterAll(async () => {
  await backend.stop();
});

function renderCounter(name: string, increment?: () => Promise<unknown>) {
  render(
    <ConvexProvider client={backend.reactClient()}>
      <Counter name={name} increment={increment} />
    </ConvexProvider>,
  );
  return {
    output: screen.getByRole("status", { name: `Counter ${name}` }),
    button: screen.getByRole("button", { name: "Add one" }),
  };
}

describe("Counter", () => {
  it("shows a placeholder, then the server's value", async () => {
    const name = uniqueName("start");
    await backend.http().mutation(api.counter.increment, { counterName: name, by: 41 });
    const { output } = renderCounter(name);
    expect(output.textContent).toBe("…");
    await waitFor(() => expect(output.textContent).toBe("41"));
  });

  it("increments through the mutation and the server counts each click", async () => {
    const name = uniqueName("click");
    const { output, button } = renderCounter(name);
    await waitFor(() => expect(output.textContent).toBe("0"));
    fireEvent.click(button);
    // Disabled while the click is in flight, so a double click cannot send two.
    expect(button).toHaveProperty("disabled", true);
    await waitFor(() => expect(output.textContent).toBe("1"));
    await waitFor(() => expect(button).toHaveProperty("disabled", false));
    fireEvent.click(button);
    await waitFor(() => expect(output.textContent).toBe("2"));
    expect(await backend.http().query(api.counter.get, { counterName: name })).toBe(2);
    expect(screen.queryByRole("alert")).toBeNull();
  });

  it("uses `increment` instead when given, and stays live", async () => {
    const name = uniqueName("route");
    // Stands in for the server route: an increment that does not go through this client.
    const viaServer = vi.fn(() =>
      backend.http().mutation(api.counter.increment, { counterName: name, by: 3 }),
    );
    const { output, button } = renderCounter(name, viaServer);
    await waitFor(() => expect(output.textContent).toBe("0"));
    fireEvent.click(button);
    await waitFor(() => expect(output.textContent).toBe("3"));
    expect(viaServer).toHaveBeenCalledTimes(1);
  });

  it("shows a ConvexError's message and re-enables the button", async () => {
    const name = uniqueName("refused");
    const { output, button } = renderCounter(name, () =>
      Promise.reject(new ConvexError("Too many clicks, slow down.")),
    );
    await waitFor(() => expect(output.textContent).toBe("0"));
    fireEvent.click(button);
    await waitFor(() =>
      expect(screen.getByRole("alert").textContent).toBe("Too many clicks, slow down."),
    );
    expect(button).toHaveProperty("disabled", false);
    expect(output.textContent).toBe("0");
  });

  it("shows a generic message for an unexpected error", async () => {
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    const { button } = renderCounter(uniqueName("broken"), () =>
      Promise.reject(new Error("HTTP 500")),
    );
    fireEvent.click(button);
    await waitFor(() =>
      expect(screen.getByRole("alert").textContent).toBe("Something went wrong. Please try again."),
    );
    vi.restoreAllMocks();
  });
});
