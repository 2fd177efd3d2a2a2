// The benchmark's control page, the same in both apps (see CONTROL_PAGE).
import { CONTROL_PAGE } from "./demo-pages";

export function ControlPage() {
  return (
    <>
      <h1>Control</h1>
      <p>{CONTROL_PAGE.text}</p>
    </>
  );
}
