// The placeholder a streamed section shows in the static shell (App Router, cacheComponents) until its Convex data
// arrives later in the same response. It says what is coming, never "Loading…": the data is not fetched by the
// browser, it is already on its way in the HTML.
export function CardSkeleton({ label }: { label: string }) {
  return (
    <section className="card skeleton" role="status" aria-label={label} data-streamed-fallback>
      <p>{label}</p>
    </section>
  );
}
