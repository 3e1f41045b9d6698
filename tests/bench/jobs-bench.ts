// Run by tests/bench/run.ts in its own process (one database per process): the price refresh of
// 10,000 listings and the import of a 1,000-product store, against fake stores on loopback.
// Prints its rows as JSON on the last line of stdout.
import { execFileSync } from "node:child_process";
import path from "node:path";
import Database from "better-sqlite3";
import { createMigratedDatabase, TMP_DIR } from "../db-template";
import { startFakeStores } from "./fake-stores";
import type { BenchRow } from "./harness";

const LISTINGS = Number(process.env.BENCH_REFRESH_LISTINGS ?? 10_000);
const STORES = 50;
const LATENCY_MS = 20;
const progress = (message: string) => process.stderr.write(`  · ${message}\n`);

const databaseFile = createMigratedDatabase(path.join(TMP_DIR, "bench-jobs.db"));
execFileSync(path.resolve("node_modules", ".bin", "tsx"), ["prisma/seed.ts"], {
  env: { ...process.env, NODE_ENV: "development", DATABASE_URL: `file:${databaseFile}` },
  stdio: "pipe",
});
process.env.DATABASE_URL = `file:${databaseFile}`;
process.env.ALLOW_PRIVATE_STORE_HOSTS = "1";

let hits = 0;
let bumps = 0;
// One product in ten costs a unit more on each read, so the refresh has real changes to write.
const stores = await startFakeStores({
  stores: STORES,
  latencyMs: LATENCY_MS,
  catalogSize: 1000,
  priceBump: () => (bumps++ % 10 === 0 ? 1 : 0),
  onRequest: () => (hits += 1),
});
const perStore = Math.ceil(LISTINGS / STORES);
progress(`writing ${LISTINGS.toLocaleString()} listings over ${STORES} fake stores (${LATENCY_MS} ms latency each)`);
const sqlite = new Database(databaseFile);
// Only the fake stores' listings: the demo catalog points at hosts that do not exist here.
sqlite.exec(`DELETE FROM "Listing"; DELETE FROM "Store";`);
sqlite.transaction(() => {
  const insertStore = sqlite.prepare(
    `INSERT INTO "Store" ("id","slug","name","country","currency","platform","baseUrl") VALUES (?,?,?,'US','USD','SHOPIFY',?)`,
  );
  const insertListing =
    sqlite.prepare(`INSERT INTO "Listing" ("id","storeId","categorySlug","sourceUrl","title","description","titleZh","descriptionZh","localizationStatus","status","price","currency","available","weightGrams","taxCategory","customMade","featured","createdAt","updatedAt")
    VALUES (?,?,'electronics',?,'Bench','d','基准','d','REVIEWED','PUBLISHED',?,'USD',1,300,'electronics',0,0,?,?)`);
  const now = new Date().toISOString();
  stores.forEach((store, storeIndex) => {
    insertStore.run(`bench-store-${storeIndex}`, `bench-store-${storeIndex}`, `Bench ${storeIndex}`, store.origin);
    for (let index = 0; index < perStore && storeIndex * perStore + index < LISTINGS; index += 1) {
      const n = storeIndex * perStore + index;
      insertListing.run(
        `bl-${n}`,
        `bench-store-${storeIndex}`,
        `${store.origin}/products/p-${n}`,
        `${(10 + (n % 90)).toFixed(2)}`,
        now,
        now,
      );
    }
  });
})();
sqlite.close();

const { refreshPrices, DEFAULT_REFRESH_CONCURRENCY: concurrency } = await import("~/services/price-refresh.server");
const { storeGate } = await import("~/integrations/http/store-client.server");
const { limits } = storeGate;
let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
progress("refreshing prices with the default limits");
hits = 0;
const started = performance.now();
const result = await refreshPrices({ onProgress: (done, total) => done % 1000 === 0 && progress(`${done}/${total}`) });
const elapsed = (performance.now() - started) / 1000;
clearInterval(sampler);
const requests = hits;
// Each listing costs requests/listings store round trips. The bound is the slower of: the global
// limit (concurrency listings in flight, each waiting the latency per request) and the per-host
// limit (a store's requests spaced by intervalMs, at most `concurrency` per host at once).
const perListing = requests / LISTINGS;
const globalBound = (LISTINGS * perListing * LATENCY_MS) / 1000 / concurrency;
const hostBound = (perStore * perListing * Math.max(limits.intervalMs, LATENCY_MS / limits.concurrency)) / 1000;
const bound = Math.max(globalBound, hostBound);

const rows: BenchRow[] = [
  {
    name: `price refresh: ${LISTINGS.toLocaleString()} listings, ${STORES} stores`,
    value: elapsed.toFixed(1),
    unit: "s",
    note: `${result.counts.changed} changed, ${result.counts.failed} failed, ${requests} requests`,
  },
  {
    name: "price refresh ÷ lower bound of the limits",
    value: (elapsed / bound).toFixed(2),
    unit: "ratio",
    note: `bound ${bound.toFixed(1)} s (global ${concurrency}, per host ${limits.concurrency} / ${limits.intervalMs} ms); target ≤ 1.5`,
  },
  { name: "price refresh peak memory (RSS)", value: (peakRss / 1024 / 1024).toFixed(0), unit: "MiB", note: "whole bench process" },
];

try {
  const { importStoreCatalog } = await import("~/services/listing-import.server");
  const store = stores[0];
  if (!store) throw new Error("no fake store");
  progress("importing a 1,000-product store through /products.json");
  const importStart = performance.now();
  let imported = 0;
  for await (const item of importStoreCatalog(store.origin, { currency: "USD" })) if (item.outcome.ok) imported += 1;
  const importSeconds = (performance.now() - importStart) / 1000;
  rows.push({
    name: "import a 1,000-product Shopify store",
    value: importSeconds.toFixed(1),
    unit: "s",
    note: `${imported} imported, ${(imported / importSeconds).toFixed(0)} products/s`,
  });
} catch (error) {
  rows.push({ name: "import a 1,000-product Shopify store", value: "n/a", unit: "", note: `failed: ${(error as Error).message}` });
}

await Promise.all(stores.map((store) => store.close()));
console.log(JSON.stringify(rows));
process.exit(0);
