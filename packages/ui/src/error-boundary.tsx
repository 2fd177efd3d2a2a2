"use client";

// Catches render errors (e.g. a query that throws) so a page shows a message and a retry, not a blank screen.
import { ConvexError } from "convex/values";
import type { ErrorInfo, ReactNode } from "react";
import { Component } from "react";

interface State {
  error: Error | null;
}

/** What went wrong, in words: a ConvexError's own text (a failed query's reason), else the error's message. */
function reason(error: Error): string {
  return error instanceof ConvexError && typeof error.data === "string"
    ? error.data
    : error.message;
}

export class ErrorBoundary extends Component<
  { children: ReactNode; fallback?: (reset: () => void) => ReactNode },
  State
> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error("Render error", error, info.componentStack);
  }

  reset = () => this.setState({ error: null });

  override render() {
    if (this.state.error === null) return this.props.children;
    return (
      this.props.fallback?.(this.reset) ?? (
        <div className="card error-card" role="alert">
          <p>This section failed to load.</p>
          <p className="muted">{reason(this.state.error)}</p>
          <button type="button" onClick={this.reset}>
            Try again
          </button>
        </div>
      )
    );
  }
}
