// A bounded in-memory map whose entries expire: for one-time secrets such as handshake nonces, which must not pile
// up when they are never redeemed.
export class ExpiringMap<V> {
  private readonly entries = new Map<string, { value: V; expiresAt: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries: number,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  /** Adds an entry; past maxEntries the oldest is dropped (insertion order is expiry order: one TTL for all). */
  set(key: string, value: V): void {
    const now = Date.now();
    for (const [oldKey, entry] of this.entries) {
      if (entry.expiresAt > now && this.entries.size < this.maxEntries) break;
      this.entries.delete(oldKey);
    }
    this.entries.set(key, { value, expiresAt: now + this.ttlMs });
  }

  /** Returns and removes the entry (one use), or undefined when absent or expired. */
  take(key: string): V | undefined {
    const entry = this.entries.get(key);
    this.entries.delete(key);
    return entry !== undefined && entry.expiresAt > Date.now() ? entry.value : undefined;
  }
}
