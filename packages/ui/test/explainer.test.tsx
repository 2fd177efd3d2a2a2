// Explainer: a labelled region whose heading and description list say where data comes from and if it is live.
import { render, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import { Explainer } from "../src/explainer";

/** The description list as [term, details] pairs, in order. */
function described(region: HTMLElement): [string, string][] {
  const terms = within(region).getAllByRole("term");
  return terms.map((term) => [
    term.textContent,
    term.nextElementSibling?.tagName === "DD" ? term.nextElementSibling.textContent : "",
  ]);
}

describe("Explainer", () => {
  it("is a region labelled for screen readers, with the title as its heading", () => {
    render(
      <Explainer title="Client-side subscription" fetched="In the browser" reactive>
        <p>Extra words.</p>
      </Explainer>,
    );
    const region = screen.getByRole("region", { name: "How this page works" });
    expect(within(region).getByRole("heading", { level: 2 }).textContent).toBe(
      "Client-side subscription",
    );
    expect(described(region)).toEqual([
      ["Data fetched", "In the browser"],
      ["Live updates", "Yes: the client subscribes after hydration"],
    ]);
    expect(within(region).getByText("Extra words.")).toBeTruthy();
  });

  it("says a non-reactive page needs a reload", () => {
    render(<Explainer title="fetchQuery" fetched="On the server, per request" reactive={false} />);
    expect(described(screen.getByRole("region"))).toEqual([
      ["Data fetched", "On the server, per request"],
      ["Live updates", "No: reload to see changes"],
    ]);
  });
});
