"use client";

// A live counter. By default it increments through a Convex mutation; pages that demo a server route pass
// `increment` to go through it instead (the displayed value stays live either way).
import { api } from "@repo/convex/api";
import { useMutation, useQuery } from "convex/react";
import { useState } from "react";

import { errorMessage } from "./error-message";

export function Counter({ name, increment }: { name: string; increment?: () => Promise<unknown> }) {
  const value = useQuery(api.counter.get, { counterName: name });
  const mutate = useMutation(api.counter.increment);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const click = () => {
    setPending(true);
    setError(null);
    (increment ?? (() => mutate({ counterName: name })))()
      .catch((e: unknown) => setError(errorMessage(e)))
      .finally(() => setPending(false));
  };

  return (
    <div className="counter">
      <output aria-label={`Counter ${name}`} data-testid="counter-value">
        {value ?? "…"}
      </output>
      <button type="button" onClick={click} disabled={pending}>
        Add one
      </button>
      {error !== null && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
