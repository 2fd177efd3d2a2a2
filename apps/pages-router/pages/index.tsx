import { LiveDemo } from "@repo/ui/demo-sections";

export default function Home() {
  return <LiveDemo />;
}
