"use client";

import { Counter } from "@repo/ui/counter";
import { postClick } from "@repo/ui/post-click";

export function ClicksDemo() {
  return <Counter name="clicks" increment={() => postClick("/api/clicks", "clicks")} />;
}
