import { NotFoundCard } from "@repo/ui/demo-sections";

export default function NotFound() {
  return <NotFoundCard />;
}
