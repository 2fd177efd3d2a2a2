// ApiTaskForm against a real HTTP server standing in for POST /api/tasks (the routes themselves are tested in each
// app): the created task's text on success, the input cleared; the route's error ("try again in N s") or the bare
// status otherwise, the text kept for another try.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { ApiTaskForm } from "../src/api-task-form";

const received: unknown[] = [];
const server = createServer((req, res) => {
  // The test page's origin is not the server's, so the browser environment sends a CORS preflight first.
  const cors = {
    "access-control-allow-origin": "*",
    "access-control-allow-headers": "content-type",
    "access-control-allow-methods": "POST",
  };
  if (req.method === "OPTIONS") return void res.writeHead(204, cors).end();
  const chunks: Buffer[] = [];
  req.on("data", (chunk: Buffer) => chunks.push(chunk));
  req.on("end", () => {
    const body = JSON.parse(Buffer.concat(chunks).toString()) as { text: string };
    received.push({ contentType: req.headers["content-type"], body });
    const reply = (status: number, type: string, text: string) =>
      res.writeHead(status, { ...cors, "content-type": type }).end(text);
    if (body.text === "limited")
      return reply(429, "application/json", '{"error":"Too many new tasks: try again in 4 s."}');
    if (body.text === "html") return reply(502, "text/html", "<h1>Bad gateway</h1>");
    reply(201, "application/json", JSON.stringify({ id: "t1", text: body.text.trim() }));
  });
});

let endpoint: string;
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/tasks`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

function submit(text: string) {
  const input = screen.getByLabelText<HTMLInputElement>("New task (via API route)");
  fireEvent.change(input, { target: { value: text } });
  fireEvent.click(screen.getByRole("button", { name: "Add" }));
  return input;
}

describe("ApiTaskForm", () => {
  it("posts the text as JSON and shows the task the route created, clearing the input", async () => {
    render(<ApiTaskForm endpoint={endpoint} label="New task (via API route)" />);
    const input = submit("  milk ");
    await waitFor(() => expect(screen.getByRole("status").textContent).toBe("Added “milk”."));
    expect(input.value).toBe("");
    expect(received.at(-1)).toEqual({ contentType: "application/json", body: { text: "  milk " } });
  });

  it("shows the route's refusal and keeps the text", async () => {
    render(<ApiTaskForm endpoint={endpoint} label="New task (via API route)" />);
    const input = submit("limited");
    await waitFor(() =>
      expect(screen.getByRole("status").textContent).toBe("Too many new tasks: try again in 4 s."),
    );
    expect(input.value).toBe("limited");
    expect(input.getAttribute("aria-invalid")).toBe("true");
  });

  it("shows the status when something in between answered without JSON", async () => {
    render(<ApiTaskForm endpoint={endpoint} label="New task (via API route)" />);
    submit("html");
    await waitFor(() => expect(screen.getByRole("status").textContent).toBe("HTTP 502"));
  });
});
