import { createHash } from "node:crypto";
import { landedPriceOf, pickVariant, sameLandedPrice, type LandedPrice } from "~/domain/catalog/landed-price";
import type { Parcel } from "~/domain/catalog/variant-parcel";
import { staleness } from "~/domain/landed-cost/fx";
import { db, dbProvider, Prisma } from "~/utils/db.server";
import { toContextLine } from "./pricing-context.server";
import { createListingPricer, loadPricingContext, type ListingForQuote, type ListingPricer } from "./quote.server";

// Lists show, sort and filter by `Listing.landedFen`: the landed price the listing page quotes for
// its default variant, one unit, on its origin's default line. It is precomputed, by the listing
// page's own pricer (createListingPricer), when a listing is written and when pricing data changes.

const listingSelect = {
  id: true,
  title: true,
  price: true,
  currency: true,
  weightGrams: true,
  lengthCm: true,
  widthCm: true,
  heightCm: true,
  taxCategory: true,
  store: { select: { country: true } },
  variants: {
    select: { id: true, price: true, available: true, weightGrams: true, lengthCm: true, widthCm: true, heightCm: true },
    orderBy: { position: "asc" },
  },
} as const;

/**
 * Recomputes the landed price of listings just written (import, re-import, price refresh, manual
 * entry, review): called after the write is committed, so lists are right as soon as the writer returns.
 */
export async function recomputeListingPrices(ids: readonly string[], now = new Date()) {
  if (ids.length === 0) return;
  const [pricer, listings] = await Promise.all([
    createListingPricer(now),
    db.listing.findMany({ where: { id: { in: [...ids] }, oneOffUserId: null }, select: listingSelect }),
  ]);
  for (const listing of listings) {
    const price = landedPriceOf(pricer.quote({ ...listing, variant: pickVariant(listing.variants) }));
    // landedAt is the version a full recompute checks before it writes (see writeChanged).
    await db.listing.updateMany({ where: { id: listing.id }, data: { ...price, landedAt: now } });
  }
}

/** JSON with sorted keys: the same data always hashes the same, whatever order it was loaded in. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(",")}]`;
  if (value && typeof value === "object") {
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${stableJson((value as Record<string, unknown>)[key])}`)
      .join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

/**
 * Everything a listing's landed price depends on besides the listing itself: the active rates (and
 * whether they are stale at `now`), the fee schedule, the tax table, the customs rules in force at
 * `now`, and each origin's default line. When it differs from the last full recompute's, every
 * listing is recomputed.
 */
export function pricingFingerprint(pricer: ListingPricer, now: Date) {
  const { loaded } = pricer;
  const basis = loaded.ok
    ? {
        fx: loaded.shared.fx,
        fees: loaded.shared.fees,
        taxCategories: loaded.shared.taxCategories,
        customs: loaded.shared.customs ?? null,
        stale: staleness(loaded.shared.fx, now.toISOString(), loaded.shared.fees.ratesMaxAgeHours).stale,
      }
    : { error: loaded.error.code };
  const lines = pricer.defaultLines().map((line) => ({ country: line.originCountry, ...toContextLine(line) }));
  return createHash("sha256").update(stableJson({ basis, lines })).digest("hex").slice(0, 16);
}

export type RecomputeCounts = {
  listings: number;
  repriced: number;
  priced: number;
  weightUnknown: number;
  noLine: number;
  notPriced: number;
  skipped: number;
};

// The pricing fields are the pricer's own (ListingForQuote), with the store's country read flat.
type Row = Omit<ListingForQuote, "store" | "variant"> & {
  id: string;
  country: string;
  landedFen: number | null;
  landedStatus: string | null;
  landedLineCode: string | null;
  /** As stored (text), so the write compares it byte for byte. */
  landedAt: string | null;
};
type VariantRow = { listingId: string; id: string; price: string; available: boolean | number } & Parcel;
type Change = { id: string; price: LandedPrice; readAt: string | null };

// A page is read with two lean queries (listings, then their variants by the same id range); changed
// rows are written 1,000 per UPDATE (one JSON parameter) and 10,000 per transaction (~0.2 s: fewer
// commits rewrite each page fewer times; other queries of the process wait at most that long).
const READ_PAGE = 2_000;

// The two databases differ in how a JSON array is read as rows and in a timestamp's text; the
// statements are otherwise the same SQL.
const postgres = dbProvider === "postgresql";
const landedAtText = postgres ? Prisma.sql`l."landedAt"::text` : Prisma.sql`'' || l."landedAt"`;
const changedRows = (json: string) =>
  postgres
    ? Prisma.sql`SELECT e ->> 0 AS id, (e ->> 1)::int AS fen, e ->> 2 AS status, e ->> 3 AS line, (e ->> 4)::timestamp(3) AS "readAt" FROM json_array_elements(${json}::json) AS e`
    : Prisma.sql`SELECT value ->> 0 AS id, value ->> 1 AS fen, value ->> 2 AS status, value ->> 3 AS line, value ->> 4 AS "readAt" FROM json_each(${json})`;
const WRITE_ROWS = 1_000;
const WRITE_PER_TRANSACTION = 10_000;

/**
 * Writes changed landed prices, each only if the row's landedAt is still the one read: a listing
 * recomputed meanwhile by its own write (newer price) is left alone and counted as skipped.
 * Changes arrive in id order, the order they were read in: the table's pages are then rewritten in
 * sequence (half the time of writing them in price order, which scatters them over the whole file).
 */
async function writeChanged(changes: Change[], now: Date) {
  let written = 0;
  await db.$transaction(
    async (tx) => {
      for (let start = 0; start < changes.length; start += WRITE_ROWS) {
        // One JSON parameter per statement instead of five bound per row.
        const rows = JSON.stringify(
          changes
            .slice(start, start + WRITE_ROWS)
            .map(({ id, price, readAt }) => [id, price.landedFen, price.landedStatus, price.landedLineCode, readAt]),
        );
        written += await tx.$executeRaw`UPDATE "Listing"
          SET "landedFen" = v.fen, "landedStatus" = v.status, "landedLineCode" = v.line, "landedAt" = ${now}
          FROM (${changedRows(rows)}) AS v
          WHERE "Listing"."id" = v.id AND "Listing"."landedAt" IS NOT DISTINCT FROM v."readAt"`;
      }
    },
    { timeout: 60_000 },
  );
  return written;
}

/** `onProgress` runs after each page is read and priced, before its writes; a promise it returns is awaited. */
export type RecomputeOptions = {
  now?: Date;
  pricer?: ListingPricer;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number, counts: RecomputeCounts) => void | Promise<void>;
};

/**
 * Recomputes every listing's landed price with one pricer (one context object per line) and writes
 * only the rows whose price, status or line changed. Keyset pages by id: constant memory, and a
 * listing added meanwhile is either read or was priced by its own write.
 */
export async function recomputeAllListingPrices(options: RecomputeOptions = {}) {
  const now = options.now ?? new Date();
  const started = performance.now();
  const pricer = options.pricer ?? (await createListingPricer(now));
  const fingerprint = pricingFingerprint(pricer, now);
  const counts: RecomputeCounts = { listings: 0, repriced: 0, priced: 0, weightUnknown: 0, noLine: 0, notPriced: 0, skipped: 0 };
  const total = options.onProgress ? await db.listing.count() : 0;
  let pending: Change[] = [];
  const flush = async () => {
    if (pending.length === 0) return;
    const batch = pending;
    pending = [];
    const written = await writeChanged(batch, now);
    counts.repriced += written;
    counts.skipped += batch.length - written;
  };
  let after = "";
  for (;;) {
    options.signal?.throwIfAborted();
    const rows = await db.$queryRaw<
      Row[]
    >`SELECT l."id", l."title", l."price", l."currency", l."weightGrams", l."lengthCm", l."widthCm", l."heightCm",
        l."taxCategory", s."country", l."landedFen", l."landedStatus", l."landedLineCode", ${landedAtText} AS "landedAt"
      FROM "Listing" l JOIN "Store" s ON s."id" = l."storeId"
      WHERE l."id" > ${after} AND l."oneOffUserId" IS NULL ORDER BY l."id" LIMIT ${READ_PAGE}`;
    const last = rows.at(-1);
    if (!last) break;
    const variants = await db.$queryRaw<VariantRow[]>`SELECT "listingId", "id", "price", "available", "weightGrams",
        "lengthCm", "widthCm", "heightCm" FROM "ListingVariant"
      WHERE "listingId" > ${after} AND "listingId" <= ${last.id} ORDER BY "listingId", "position"`;
    // Grouped by listing here, not matched by walking both lists: the database's order of ids
    // (its collation) need not be JavaScript's.
    const variantsOf = new Map<string, ({ id: string; price: string; available: boolean } & Parcel)[]>();
    for (const { listingId, available, ...variant } of variants) {
      const own = variantsOf.get(listingId) ?? [];
      own.push({ ...variant, available: Boolean(available) });
      variantsOf.set(listingId, own);
    }
    for (const row of rows) {
      const price = landedPriceOf(
        pricer.quote({ ...row, store: { country: row.country }, variant: pickVariant(variantsOf.get(row.id) ?? []) }),
      );
      counts.listings += 1;
      if (price.landedStatus === "OK") counts.priced += 1;
      else if (price.landedStatus === "WEIGHT_UNKNOWN") counts.weightUnknown += 1;
      else if (price.landedStatus === "NO_LINE") counts.noLine += 1;
      else counts.notPriced += 1;
      const current = { landedFen: row.landedFen, landedStatus: row.landedStatus ?? "", landedLineCode: row.landedLineCode };
      if (!sameLandedPrice(price, current)) pending.push({ id: row.id, price, readAt: row.landedAt });
    }
    after = last.id;
    await options.onProgress?.(counts.listings, total, counts);
    if (pending.length >= WRITE_PER_TRANSACTION) await flush();
  }
  await flush();
  return { counts, fingerprint, durationMs: Math.round(performance.now() - started) };
}

/**
 * Whether lists may show landed prices right now: not when the listing page would refuse to quote
 * (rates stale or missing, no customs rules). Lists then show one notice instead of numbers.
 */
export async function listPricesWithheld(now = new Date()): Promise<string | null> {
  const loaded = await loadPricingContext(undefined, now);
  if (!loaded.ok) return loaded.error.code;
  const { fx, fees } = loaded.shared;
  return staleness(fx, loaded.shared.now, fees.ratesMaxAgeHours).stale ? "RATES_STALE" : null;
}
