// Reading a request body up to a size limit, for the apps' server routes' shared contracts (clicksRequest.ts,
// revalidation.ts). Web APIs only, like the rest of convex/shared.

/** Reads at most `max` bytes; `null` when the body is longer (the rest is left unread). */
export async function readAtMost(
  body: AsyncIterable<Uint8Array>,
  max: number,
): Promise<Uint8Array | null> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.byteLength;
    if (size > max) return null;
    chunks.push(chunk);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}
