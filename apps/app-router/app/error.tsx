"use client";
// Route-level error boundary: a failed server fetch (e.g. the backend is down) shows this, not a blank page.
export default function ErrorPage({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return (
    <div className="card error-card" role="alert">
      <h1>Something went wrong</h1>
      <p>
        {error.digest === undefined
          ? error.message
          : `Error ${error.digest}: the server could not render this page.`}
      </p>
      <button type="button" onClick={reset}>
        Try again
      </button>
    </div>
  );
}
