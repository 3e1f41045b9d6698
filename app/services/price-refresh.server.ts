import type { HttpClient } from "~/integrations/http/http-client.server";
import { fetchListing } from "~/integrations/stores/index.server";
import { db } from "~/utils/db.server";
import { runWithLease, type JobTrigger } from "./jobs.server";
import { recomputeListingPrices } from "./listing-prices.server";
import { alertPriceDrop } from "./price-alerts.server";
import { alertRestock } from "./restock-alerts.server";
import { syncListingVariants } from "./listing-variants.server";

export type RefreshCounts = {
  checked: number;
  changed: number;
  unchanged: number;
  notModified: number;
  unavailable: number;
  failed: number;
  skipped: number;
};
export type RefreshOptions = {
  storeSlug?: string;
  /** Listings fetched at once across all stores; each store is also limited by the HTTP client's host gate. */
  concurrency?: number;
  now?: () => Date;
  onProgress?: (done: number, total: number, counts: RefreshCounts) => void;
  /** Called with each listing whose landed price may have dropped (price down or back in stock). */
  onPriceDrop?: (listingId: string) => Promise<void>;
  /** Called with each listing that came back in stock (its watchers get a restock alert). */
  onRestock?: (listingId: string) => Promise<void>;
  /** The store HTTP client (tests pass one with short timeouts). */
  http?: HttpClient;
};

const MAX_BACKOFF_MS = 24 * 3600 * 1000;
export const DEFAULT_REFRESH_CONCURRENCY = 8;

type Work = {
  id: string;
  sourceUrl: string;
  price: string;
  available: boolean;
  etag: string | null;
  lastModified: string | null;
  weightGrams: number | null;
  storeId: string;
  currency: string;
  variantsKey: string;
};

/** Interleaves the stores' listings so a slow or rate-limited store never holds every slot. */
function interleaveByStore(items: Work[]): Work[] {
  const byStore = new Map<string, Work[]>();
  for (const item of items) byStore.set(item.storeId, [...(byStore.get(item.storeId) ?? []), item]);
  const queues = [...byStore.values()];
  const out: Work[] = [];
  for (let index = 0; out.length < items.length; index += 1) {
    for (const queue of queues) {
      const item = queue[index];
      if (item) out.push(item);
    }
  }
  return out;
}

const variantsKey = (variants: { title: string; price: string; available: boolean; sku: string | null }[]) =>
  JSON.stringify(variants.map((variant) => [variant.title, variant.price, variant.available, variant.sku]));

/**
 * Re-reads every published or draft listing from its store. A price snapshot is written only when
 * price or availability changed; a listing the store no longer has is marked unavailable (its
 * history kept); any other failure keeps the last good price and is counted against the store,
 * which is then left alone for a doubling pause.
 */
export async function refreshPrices(options: RefreshOptions = {}) {
  const now = options.now ?? (() => new Date());
  const startedAt = now();
  const stores = await db.store.findMany({
    where: options.storeSlug ? { slug: options.storeSlug } : {},
    select: { id: true, slug: true, currency: true, backoffUntil: true, consecutiveFailures: true },
  });
  const counts: RefreshCounts = { checked: 0, changed: 0, unchanged: 0, notModified: 0, unavailable: 0, failed: 0, skipped: 0 };
  const resting = new Set(stores.filter((store) => store.backoffUntil && store.backoffUntil > startedAt).map((store) => store.id));
  const currencyOf = new Map(stores.map((store) => [store.id, store.currency]));
  const rows = await db.listing.findMany({
    where: { storeId: { in: stores.map((store) => store.id) }, status: { in: ["PUBLISHED", "DRAFT"] } },
    select: {
      id: true,
      sourceUrl: true,
      price: true,
      available: true,
      etag: true,
      lastModified: true,
      weightGrams: true,
      storeId: true,
      variants: { select: { title: true, price: true, available: true, sku: true }, orderBy: { position: "asc" } },
    },
  });
  counts.skipped = rows.filter((row) => resting.has(row.storeId)).length;
  const work = interleaveByStore(
    rows
      .filter((row) => !resting.has(row.storeId))
      .map(({ variants, ...row }) => ({ ...row, currency: currencyOf.get(row.storeId) ?? "", variantsKey: variantsKey(variants) })),
  );
  const storeOutcome = new Map<string, { ok: number; failed: number }>();
  let done = 0;

  async function refreshOne(item: Work) {
    const result = await fetchListing(item.sourceUrl, {
      storeCurrency: item.currency,
      etag: item.etag,
      lastModified: item.lastModified,
      http: options.http,
    });
    const at = now();
    const tally = storeOutcome.get(item.storeId) ?? { ok: 0, failed: 0 };
    storeOutcome.set(item.storeId, tally);
    counts.checked += 1;
    if (!result.ok) {
      if (result.error.code === "NOT_FOUND") {
        tally.ok += 1;
        counts.unavailable += 1;
        await db.$transaction([
          db.listing.update({ where: { id: item.id }, data: { available: false, lastRefreshedAt: at, lastRefreshStatus: "UNAVAILABLE" } }),
          ...(item.available
            ? [db.priceSnapshot.create({ data: { listingId: item.id, price: item.price, available: false, recordedAt: at } })]
            : []),
        ]);
        return;
      }
      tally.failed += 1;
      counts.failed += 1;
      await db.listing.update({ where: { id: item.id }, data: { lastRefreshStatus: `FAILED:${result.error.code}` } });
      return;
    }
    tally.ok += 1;
    if (result.notModified) {
      counts.notModified += 1;
      await db.listing.update({ where: { id: item.id }, data: { lastRefreshedAt: at, lastRefreshStatus: "NOT_MODIFIED" } });
      return;
    }
    const { listing } = result;
    const priceChanged = listing.price !== item.price || listing.available !== item.available;
    const variantsChanged = variantsKey(listing.variants) !== item.variantsKey;
    const cacheHeaders = { etag: result.etag, lastModified: result.lastModified };
    if (!priceChanged && !variantsChanged) {
      counts.unchanged += 1;
      await db.listing.update({ where: { id: item.id }, data: { ...cacheHeaders, lastRefreshedAt: at, lastRefreshStatus: "OK" } });
      return;
    }
    counts.changed += 1;
    await db.$transaction(async (tx) => {
      await tx.listing.update({
        where: { id: item.id },
        data: {
          ...cacheHeaders,
          price: listing.price,
          available: listing.available,
          weightGrams: item.weightGrams ?? listing.weightGrams,
          lastRefreshedAt: at,
          lastRefreshStatus: "OK",
        },
      });
      // In place (same ids, so carts keep their variants); each keeps its Chinese title while its title is unchanged.
      if (variantsChanged) await syncListingVariants(tx, item.id, listing.variants);
      if (priceChanged)
        await tx.priceSnapshot.create({ data: { listingId: item.id, price: listing.price, available: listing.available, recordedAt: at } });
    });
    await recomputeListingPrices([item.id]);
    const cheaper = Number(listing.price) < Number(item.price) || (listing.available && !item.available);
    // The restock alert first: it tells the watcher today's price, so the price-drop alert does not repeat it.
    if (listing.available && !item.available && options.onRestock) await options.onRestock(item.id);
    if (cheaper && options.onPriceDrop) await options.onPriceDrop(item.id);
  }

  const concurrency = Math.max(1, options.concurrency ?? DEFAULT_REFRESH_CONCURRENCY);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, work.length) }, async () => {
      while (next < work.length) {
        const item = work[next] as Work;
        next += 1;
        try {
          await refreshOne(item);
        } catch (error) {
          counts.failed += 1;
          console.error(`price refresh of ${item.sourceUrl} failed`, error);
        }
        done += 1;
        options.onProgress?.(done, work.length, counts);
      }
    }),
  );

  // A store whose every answer failed rests for a doubling pause; one good answer resets it.
  for (const store of stores) {
    const tally = storeOutcome.get(store.id);
    if (!tally) continue;
    if (tally.ok > 0) {
      if (store.consecutiveFailures > 0)
        await db.store.update({ where: { id: store.id }, data: { consecutiveFailures: 0, backoffUntil: null } });
    } else if (tally.failed > 0) {
      const failures = store.consecutiveFailures + 1;
      const pause = Math.min(MAX_BACKOFF_MS, 2 ** failures * 60_000);
      await db.store.update({
        where: { id: store.id },
        data: { consecutiveFailures: failures, backoffUntil: new Date(now().getTime() + pause) },
      });
    }
  }
  return { counts, durationMs: now().getTime() - startedAt.getTime(), total: rows.length };
}

export const PRICES_JOB = "prices";
// Renewed every ttl/3 while it runs, so this only has to outlast one stalled renewal.
const PRICES_LEASE_MS = 5 * 60_000;

function progressBar(done: number, total: number, counts: RefreshCounts) {
  const width = 24;
  const filled = total === 0 ? width : Math.round((done / total) * width);
  const percent = total === 0 ? 100 : Math.floor((done / total) * 100);
  return `[${"#".repeat(filled)}${".".repeat(width - filled)}] ${percent}% ${done}/${total} · changed ${counts.changed} · unavailable ${counts.unavailable} · failed ${counts.failed}`;
}

/** The price refresh under the "prices" lease: the worker, the CLI and the admin's "run now" all call this. */
export function runPricesRefresh(
  trigger: JobTrigger,
  holder: string,
  options: { store?: string; onProgress?: (message: string) => void } = {},
) {
  let lastShown = 0;
  return runWithLease(
    PRICES_JOB,
    trigger,
    async () => {
      const result = await refreshPrices({
        storeSlug: options.store,
        onPriceDrop: async (listingId) => {
          await alertPriceDrop(listingId);
        },
        onRestock: async (listingId) => {
          await alertRestock(listingId);
        },
        onProgress: (done, total, counts) => {
          if (!options.onProgress || (done !== total && Date.now() - lastShown < 200)) return;
          lastShown = Date.now();
          options.onProgress(progressBar(done, total, counts));
        },
      });
      const { counts, durationMs } = result;
      const outcome = counts.failed === 0 ? "OK" : counts.failed < counts.checked ? "PARTIAL" : "FAILED";
      return {
        outcome,
        counts: { ...counts, durationMs },
        value: result,
        error: counts.failed ? `${counts.failed} listings could not be checked` : null,
      };
    },
    { ttlMs: PRICES_LEASE_MS, holder },
  );
}
