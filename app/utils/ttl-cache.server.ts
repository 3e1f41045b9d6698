// A per-process memo for reference data every page reads and few writes change (categories,
// pricing tables, the newest rates). Writes in this process call clear(); other processes see a
// change within the TTL. A failed load is forgotten at once.
export function createTtlCache(ttlMs: number) {
  const entries = new Map<string, { at: number; value: Promise<unknown> }>();
  return {
    get<T>(key: string, load: () => Promise<T>): Promise<T> {
      const hit = entries.get(key);
      if (hit && Date.now() - hit.at < ttlMs) return hit.value as Promise<T>;
      const value = load();
      entries.set(key, { at: Date.now(), value });
      value.catch(() => entries.delete(key));
      return value;
    },
    clear() {
      entries.clear();
    },
  };
}
