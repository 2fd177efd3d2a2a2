import { ControlPage } from "@repo/ui/control-page";
import type { GetServerSideProps } from "next";

// Rendered per request like the data pages it is the control for (never prerendered), with no Convex call.
export const getServerSideProps: GetServerSideProps = () => Promise.resolve({ props: {} });

export default function Control() {
  return <ControlPage />;
}
