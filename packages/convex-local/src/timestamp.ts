// Convex timestamps travel as base64 of a little-endian u64 (see convex/src/browser/sync/protocol.ts).

export function encodeTs(ts: bigint): string {
  const bytes = Buffer.alloc(8);
  bytes.writeBigUInt64LE(ts);
  return bytes.toString("base64");
}

export function decodeTs(encoded: string): bigint | null {
  const bytes = Buffer.from(encoded, "base64");
  return bytes.length === 8 ? bytes.readBigUInt64LE() : null;
}

/** Nanoseconds since the epoch, like the real backend, strictly after `previous`. */
export function nextTs(previous: bigint): bigint {
  const now = BigInt(Date.now()) * 1_000_000n;
  return now > previous ? now : previous + 1n;
}
