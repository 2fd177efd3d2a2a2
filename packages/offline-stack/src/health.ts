// Is a local server already answering? Lets a second app (or a second terminal) reuse a running stack.

export async function isHealthy(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(1000) });
    await response.body?.cancel();
    return response.ok;
  } catch {
    return false;
  }
}

/** Polls until `url` answers or `timeoutMs` passes. */
export async function waitHealthy(url: string, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await isHealthy(url)) return true;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return false;
}
