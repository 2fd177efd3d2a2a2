// The box on every page that says where its data is fetched and whether it stays live.
import type { ReactNode } from "react";

export function Explainer({
  title,
  fetched,
  reactive,
  children,
}: {
  title: string;
  fetched: string;
  reactive: boolean;
  children?: ReactNode;
}) {
  return (
    <section className="explainer" aria-label="How this page works">
      <h2>{title}</h2>
      <dl>
        <dt>Data fetched</dt>
        <dd>{fetched}</dd>
        <dt>Live updates</dt>
        <dd>
          {reactive ? "Yes: the client subscribes after hydration" : "No: reload to see changes"}
        </dd>
      </dl>
      {children}
    </section>
  );
}
