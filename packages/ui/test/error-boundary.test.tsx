// ErrorBoundary: a render error (here a real query the server rejects) shows a fallback with a way to retry.
import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { ConvexProvider } from "convex/react";
import { useState } from "react";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

import { Counter } from "../src/counter";
import { ErrorBoundary } from "../src/error-boundary";
import type { TestBackend } from "./support/backend";
import { startBackend } from "./support/backend";

let backend: TestBackend;
beforeAll(async () => {
  backend = await startBackend();
});
afterAll(async () => {
  await backend.stop();
});
// React and the boundary log caught errors; keep the output readable (and assert on it where it matters).
let consoleError: ReturnType<typeof vi.spyOn>;
beforeEach(() => {
  consoleError = vi.spyOn(console, "error").mockImplementation(() => undefined);
});
afterEach(() => {
  vi.restoreAllMocks();
});

function Throws({ message }: { message: string }): never {
  throw new Error(message);
}

describe("ErrorBoundary", () => {
  it("renders its children when nothing fails", () => {
    render(
      <ErrorBoundary>
        <p>All good</p>
      </ErrorBoundary>,
    );
    expect(screen.getByText("All good")).toBeTruthy();
    expect(screen.queryByRole("alert")).toBeNull();
  });

  it("shows an alert with the error's message and a retry button instead of a blank page", () => {
    render(
      <ErrorBoundary>
        <Throws message="The list could not be read." />
      </ErrorBoundary>,
    );
    const alert = screen.getByRole("alert");
    expect(within(alert).getByText("This section failed to load.")).toBeTruthy();
    expect(within(alert).getByText("The list could not be read.")).toBeTruthy();
    expect(screen.getByRole("button", { name: "Try again" })).toBeTruthy();
    expect(consoleError).toHaveBeenCalledWith(
      "Render error",
      expect.objectContaining({ message: "The list could not be read." }),
      expect.any(String),
    );
  });

  it("shows the server's reason when a live query fails", async () => {
    render(
      <ConvexProvider client={backend.reactClient()}>
        <ErrorBoundary>
          <Counter name={"n".repeat(65)} />
        </ErrorBoundary>
      </ConvexProvider>,
    );
    const alert = await screen.findByRole("alert");
    // Exactly the server's words, not the client's wrapper around them ("[CONVEX Q(counter:get)] …").
    expect(
      within(alert).getByText("Counter name must be at most 64 characters (got 65)."),
    ).toBeTruthy();
  });

  it("'Try again' renders the children again, which recover once the cause is gone", () => {
    function Flaky() {
      const [broken, setBroken] = useState(true);
      return (
        <>
          <button type="button" onClick={() => setBroken(false)}>
            Fix it
          </button>
          <ErrorBoundary>{broken ? <Throws message="not yet" /> : <p>Recovered</p>}</ErrorBoundary>
        </>
      );
    }
    render(<Flaky />);
    fireEvent.click(screen.getByRole("button", { name: "Try again" }));
    // Still broken: the fallback comes back.
    expect(screen.getByRole("alert")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Fix it" }));
    fireEvent.click(screen.getByRole("button", { name: "Try again" }));
    expect(screen.getByText("Recovered")).toBeTruthy();
    expect(screen.queryByRole("alert")).toBeNull();
  });

  it("uses a custom fallback, handing it the reset function", async () => {
    let fail = true;
    function MaybeThrows() {
      if (fail) throw new Error("boom");
      return <p>Back</p>;
    }
    render(
      <ErrorBoundary
        fallback={(reset) => (
          <button type="button" onClick={reset}>
            Custom retry
          </button>
        )}
      >
        <MaybeThrows />
      </ErrorBoundary>,
    );
    expect(screen.queryByText("This section failed to load.")).toBeNull();
    fail = false;
    fireEvent.click(screen.getByRole("button", { name: "Custom retry" }));
    await waitFor(() => expect(screen.getByText("Back")).toBeTruthy());
  });
});
