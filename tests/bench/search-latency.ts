import type { BenchRow } from "./harness";

// Catalog search p50 / p99 in process against whatever database DATABASE_URL names: the same queries
// and rounds for the main bench (run.ts) and for each database of the scale section (scale-search.ts).
const QUERIES = [
  ["Chinese", ["耳机", "降噪耳机", "美利奴羊毛", "电饭煲", "抹茶粉", "防水 双肩包"]],
  ["English", ["headphones", "merino wool sweater", "rice cooker", "waterproof backpack", "AU-123", "diver watch"]],
  // Latin and Chinese in one query, as shoppers type brands and models beside the thing.
  ["mixed", ["aurora 耳机", "sakura 抹茶粉", "无线 headphones"]],
] as const;

export async function searchLatencyRows(prefix: string, listings: number, note: string): Promise<BenchRow[]> {
  const { searchCatalog } = await import("~/services/catalog-search.server");
  const { parseSearchQuery } = await import("~/domain/search-query");
  const rows: BenchRow[] = [];
  for (const [language, queries] of QUERIES) {
    // One unmeasured round first: the steady state is what shoppers meet, not a cold cache.
    for (const q of queries) await searchCatalog(parseSearchQuery(new URLSearchParams({ q })));
    const times: number[] = [];
    for (let round = 0; round < 20; round += 1) {
      for (const q of queries) {
        const started = performance.now();
        await searchCatalog(parseSearchQuery(new URLSearchParams({ q })));
        times.push(performance.now() - started);
      }
    }
    times.sort((a, b) => a - b);
    const pct = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))] ?? 0;
    rows.push({
      name: `${prefix}search p50 / p99, ${language} (${listings.toLocaleString()} listings)`,
      value: `${pct(0.5).toFixed(1)} / ${pct(0.99).toFixed(1)}`,
      unit: "ms",
      note: `in process, ${times.length} searches of ${queries.length} queries; ${note}`,
    });
  }
  return rows;
}
