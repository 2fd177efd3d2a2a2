import { ControlPage } from "@repo/ui/control-page";
import { connection } from "next/server";
import { Suspense } from "react";

// Rendered like the data pages it is the control for: the layout is the prerendered shell, and the page's content is
// rendered per request (never prerendered) and streamed after it, with no Convex call.
export default function Control() {
  return (
    <Suspense fallback={null}>
      <PerRequest />
    </Suspense>
  );
}

async function PerRequest() {
  await connection();
  return <ControlPage />;
}
