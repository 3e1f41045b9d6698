import { oneItem, timeEngine } from "./engine";
import type { BenchRow } from "./harness";

// The full recompute of every listing's landed price (read, price, write), in this process against
// the bench database (DATABASE_URL is set by run.ts). Its target is a ratio to the one-item engine
// time: per listing at most ~2 quotes' worth, so the database costs about one quote. The engine is
// timed right before and right after the recompute and the two averaged, so a machine that gets
// busier or quieter during the bench moves both sides of the ratio alike.
export async function landedRows(): Promise<BenchRow[]> {
  const { db } = await import("~/utils/db.server");
  const { recomputeAllListingPrices } = await import("~/services/listing-prices.server");
  const { invalidatePricingCache } = await import("~/services/pricing-context.server");

  const first = await recomputeAllListingPrices();
  // A new ACTIVE snapshot in which the yuan moves: every listing's landed price changes, every row is rewritten.
  const active = await db.fxSnapshot.findFirstOrThrow({
    where: { status: "ACTIVE" },
    orderBy: { createdAt: "desc" },
    select: { base: true, rates: true, source: true },
  });
  const rates = JSON.parse(active.rates) as Record<string, string>;
  rates.CNY = (Number(rates.CNY) * 1.01).toFixed(4);
  await db.fxSnapshot.create({
    data: { base: active.base, asOf: new Date().toISOString(), source: `${active.source} (bench: CNY +1%)`, rates: JSON.stringify(rates) },
  });
  invalidatePricingCache();
  const before = timeEngine(oneItem);
  const changed = await recomputeAllListingPrices();
  const oneMicros = (before + timeEngine(oneItem)) / 2;
  const unchanged = await recomputeAllListingPrices();

  const { listings } = changed.counts;
  const perListing = (durationMs: number) => (durationMs * 1000) / listings;
  const seconds = (durationMs: number) => (durationMs / 1000).toFixed(1);
  return [
    {
      name: `recompute landed prices, ${listings.toLocaleString()} listings`,
      value: seconds(changed.durationMs),
      unit: "s",
      note: `after a new rate snapshot: ${changed.counts.repriced.toLocaleString()} rows rewritten, ${perListing(changed.durationMs).toFixed(1)} µs/listing; first pricing ${seconds(first.durationMs)} s; nothing changed ${seconds(unchanged.durationMs)} s`,
    },
    {
      name: "recompute per listing ÷ one-item engine quote",
      value: (perListing(changed.durationMs) / oneMicros).toFixed(2),
      unit: "ratio",
      note: `${perListing(changed.durationMs).toFixed(1)} vs ${oneMicros.toFixed(1)} µs (engine timed around the recompute); nothing changed ${(perListing(unchanged.durationMs) / oneMicros).toFixed(2)}; target ≤ 2`,
    },
  ];
}
