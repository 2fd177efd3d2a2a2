import { PrivateDemo } from "@repo/ui/demo-sections";

export default function PrivatePage() {
  return <PrivateDemo />;
}
