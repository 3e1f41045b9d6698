// Run by scale-bench.ts in its own process, one per database (the app's database client is bound
// to DATABASE_URL when it loads): catalog search p50 / p99 in process, the same queries and rounds as
// run.ts's search rows. Prints its rows as JSON on the last line of stdout.
import type { BenchRow } from "./harness";

const label = process.argv[2] ?? "";
const listings = Number(process.argv[3] ?? 0);
const { searchCatalog } = await import("~/services/catalog-search.server");
const { parseSearchQuery } = await import("~/domain/search-query");
const { db } = await import("~/utils/db.server");

const rows: BenchRow[] = [];
for (const [language, queries] of [
  ["Chinese", ["耳机", "降噪耳机", "美利奴羊毛", "电饭煲", "抹茶粉", "防水 双肩包"]],
  ["English", ["headphones", "merino wool sweater", "rice cooker", "waterproof backpack", "AU-123", "diver watch"]],
] as const) {
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
  rows.push({ name: `${label}: search p50 / p99, ${language} (${listings.toLocaleString()} listings)`, value: `${pct(0.5).toFixed(1)} / ${pct(0.99).toFixed(1)}`, unit: "ms", note: "in process, 120 searches; target p99 < 50 ms" });
}
await db.$disconnect();
console.log(JSON.stringify(rows));
