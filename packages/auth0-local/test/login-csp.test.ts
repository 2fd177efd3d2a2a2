// The login page's CSP lets the form's redirect chain reach the application's callback: browsers check form-action
// on every redirect after a form post, so 'self' alone left a real browser on the login page after a right password.
import { expect, it } from "vitest";

import { authorizeUrl, Browser, pkcePair, serverForThisFile, WEB_CALLBACK } from "./support";

const test = serverForThisFile();

it("allows the login form to end at the client's callback origin, and nowhere else", async () => {
  const base = test.server.url;
  const browser = new Browser();
  const { challenge } = pkcePair();
  const page = await browser.follow(authorizeUrl(base, { challenge, state: "s1" }), base);
  expect(page.response.status).toBe(200);
  const csp = page.response.headers.get("content-security-policy") ?? "";
  const formAction = /form-action ([^;]+)/.exec(csp)?.[1]?.trim().split(/\s+/);
  expect(formAction).toEqual(["'self'", new URL(WEB_CALLBACK).origin]);
  expect(csp).toContain("frame-ancestors 'none'");
});
