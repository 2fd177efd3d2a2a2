import { ControlPage } from "@repo/ui/control-page";

// Rendered per request like the data pages it is the control for (never prerendered), with no Convex call.
export const dynamic = "force-dynamic";

export default function Control() {
  return <ControlPage />;
}
