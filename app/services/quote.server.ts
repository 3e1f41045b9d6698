import { fromJsonColumn } from "~/domain/stored";
import { randomUUID } from "node:crypto";
import { chinaYear } from "~/domain/china-time";
import {
  calculateLandedCost,
  createQuoter,
  quoteDocumentSchema,
  quoteResultSchema,
  fromFen,
  toFen,
  type PartialQuoteContext,
  type QuoteContext,
  type QuoteError,
  type QuoteOutcome,
  type QuoteRequest,
  type QuoteResult,
  type Quoter,
} from "~/domain/landed-cost";
import { db, Prisma, type Tx } from "~/utils/db.server";
import { pickVariant } from "~/domain/catalog/landed-price";
import { parcelDimensions, variantParcel } from "~/domain/catalog/variant-parcel";
import {
  defaultLineAmong,
  findShippingLine,
  latestFxSnapshot,
  listShippingLines,
  listTaxCategories,
  loadDefaultShippingLineCode,
  loadFees,
  loadTaxCategories,
  toContextLine,
  type CustomsRuleSetEntry,
  type ShippingLineRow,
} from "./pricing-context.server";
import { customsRuleSetAt, withCustomsRules } from "./customs-rules.server";

type Shared = Omit<QuoteContext, "shippingLine"> & { fxSnapshotId: string | null };
type SharedOutcome =
  | {
      ok: true;
      shared: Shared;
      defaultLineCode: string | null;
      /** The stored rule set filled in as `shared.customs`; null when the caller gave its own. */
      customsRuleSet: CustomsRuleSetEntry | null;
    }
  | { ok: false; error: QuoteError };

const invalid = (field: string, message: string): QuoteError => ({ code: "INVALID_INPUT", message, details: { fields: [field] } });

/** Everything a quote needs except the shipping line: what the caller gave, the rest from the database. */
export async function loadPricingContext(partial: PartialQuoteContext | undefined, now: Date): Promise<SharedOutcome> {
  const nowIso = partial?.now ?? now.toISOString();
  const [fees, taxCategories, snapshot, ruleSet] = await Promise.all([
    partial?.fees ? null : loadFees(),
    partial?.taxCategories ? null : loadTaxCategories(),
    partial?.fx ? null : latestFxSnapshot(),
    partial?.customs ? null : customsRuleSetAt(nowIso),
  ]);
  const fx = partial?.fx ?? snapshot?.fx ?? null;
  if (!fx) {
    return {
      ok: false,
      error: {
        code: "RATES_STALE",
        message: "No exchange-rate snapshot is available yet; quotes wait for the rates job.",
        details: { asOf: "none" },
      },
    };
  }
  const feeSchedule = partial?.fees ?? fees;
  if (!feeSchedule) return { ok: false, error: invalid("context.fees", "No fee schedule is configured.") };
  const customs = partial?.customs ?? ruleSet?.customs;
  if (!customs) {
    return {
      ok: false,
      error: {
        code: "NO_CUSTOMS_RULES",
        message: `No customs rule set is in force at ${nowIso}; quotes wait until an admin adds one.`,
        details: { now: nowIso },
      },
    };
  }
  return {
    ok: true,
    shared: {
      now: nowIso,
      fx,
      fees: feeSchedule,
      taxCategories: partial?.taxCategories ?? taxCategories ?? {},
      customs,
      fxSnapshotId: partial?.fx ? null : (snapshot?.id ?? null),
    },
    defaultLineCode: await loadDefaultShippingLineCode(),
    customsRuleSet: partial?.customs ? null : (ruleSet ?? null),
  };
}

async function resolveLine(given: PartialQuoteContext["shippingLine"], defaultCode: string | null) {
  if (given && typeof given === "object") return { ok: true as const, line: given };
  const code = typeof given === "string" ? given : defaultCode;
  if (!code)
    return { ok: false as const, error: invalid("context.shippingLine", "No shipping line given and no default line is configured.") };
  const row = await findShippingLine(code);
  if (!row || !row.active) {
    return { ok: false as const, error: invalid("context.shippingLine", `Shipping line "${code}" does not exist or is not active.`) };
  }
  return { ok: true as const, line: toContextLine(row) };
}

/**
 * The CBEC allowance a shopper has used this calendar year (in China): the dutiable value of their
 * paid CBEC orders, cancelled (refunded) ones excepted, and of orders placed but not yet paid, which
 * hold their share until they are paid or cancelled (two unpaid orders cannot both use the same room).
 */
export async function getAnnualCbecUsedCny(userId: string, now = new Date(), client: Tx | typeof db = db): Promise<string> {
  const { from, to } = chinaYear(now);
  const result = await client.order.aggregate({
    where: {
      userId,
      customsRegime: "CBEC",
      status: { not: "CANCELLED" },
      OR: [{ paidAt: { gte: from, lt: to } }, { status: "PENDING_PAYMENT", createdAt: { gte: from, lt: to } }],
    },
    _sum: { dutiableFen: true },
  });
  return fromFen(result._sum.dutiableFen ?? 0);
}

/**
 * Quotes the API's and the CLI's document: `{ request, context? }` with any part of the context given
 * or filled from the database. With `store`, the quote and its full context are saved for later.
 */
export async function quoteDocument(input: unknown, options: { userId?: string | null; store?: boolean; now?: Date } = {}) {
  const parsed = quoteDocumentSchema.safeParse(input);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((issue) => issue.path.join("."));
    const message = parsed.error.issues.map((issue) => `${issue.path.join(".") || "(document)"}: ${issue.message}`).join("; ");
    return { ok: false as const, error: { code: "INVALID_INPUT" as const, message, details: { fields } } };
  }
  const { request, context: partial } = parsed.data;
  const loaded = await loadPricingContext(partial, options.now ?? new Date());
  if (!loaded.ok) return loaded;
  const line = await resolveLine(partial?.shippingLine, loaded.defaultLineCode);
  if (!line.ok) return line;
  const { fxSnapshotId, ...shared } = loaded.shared;
  const context: QuoteContext = { ...shared, shippingLine: line.line };
  const outcome = calculateLandedCost(request, context);
  if (!outcome.ok) return outcome;
  // A quote on the caller's own rates, fees, tax table, line or clock is theirs to read, never one an
  // order can charge: only a quote wholly on the platform's data is stored as the shopper's.
  const platformPriced = Object.entries(partial ?? {}).every(
    ([key, value]) => value === undefined || (key === "shippingLine" && typeof value === "string"),
  );
  const ids = { fxSnapshotId, customsRuleSetId: loaded.customsRuleSet?.id ?? null };
  const quoteId = options.store
    ? await storeQuote(request, context, outcome.quote, platformPriced ? (options.userId ?? null) : null, ids)
    : null;
  return { ok: true as const, quote: outcome.quote, context, quoteId, customsRuleSet: loaded.customsRuleSet };
}

/**
 * What a stored quote keeps of its context: everything the calculator read, and nothing it did not
 * (the other ~25 rates of the snapshot, the unused tax categories), so a row stays small and still
 * recomputes to the same numbers.
 */
function contextUsed(request: QuoteRequest, context: QuoteContext): QuoteContext {
  const currencies = new Set(["CNY", context.fx.base, ...request.items.map((item) => item.currency)]);
  const categories = new Set(request.items.map((item) => item.taxCategory));
  return {
    ...context,
    fx: { ...context.fx, rates: Object.fromEntries(Object.entries(context.fx.rates).filter(([code]) => currencies.has(code))) },
    taxCategories: Object.fromEntries(Object.entries(context.taxCategories).filter(([code]) => categories.has(code))),
  };
}

// The quote API stores every quote it gives, and this is the hottest write the platform has: rows
// that arrive together are written together (one INSERT, one commit), and each caller returns only
// once its row is committed, so a quote id handed out always exists.
type PendingQuote = { values: Prisma.Sql; resolve: () => void; reject: (error: unknown) => void };
const pendingQuotes: PendingQuote[] = [];
let flushScheduled = false;
const MAX_BATCH = 200;

async function flushQuotes() {
  const batch = pendingQuotes.splice(0, MAX_BATCH);
  try {
    await db.$executeRaw`INSERT INTO "Quote" ("id", "userId", "request", "context", "result", "totalFen", "fxSnapshotId", "customsRuleSetId", "validUntil", "createdAt")
      VALUES ${Prisma.join(batch.map((pending) => pending.values))}`;
    for (const pending of batch) pending.resolve();
  } catch (error) {
    for (const pending of batch) pending.reject(error);
  }
  if (pendingQuotes.length > 0) setImmediate(() => void flushQuotes());
  else flushScheduled = false;
}

type StoredIds = { fxSnapshotId: string | null; customsRuleSetId: string | null };

async function storeQuote(request: QuoteRequest, context: QuoteContext, quote: QuoteResult, userId: string | null, ids: StoredIds) {
  const id = randomUUID();
  const values = Prisma.sql`(${id}, ${userId}, ${JSON.stringify(request)}, ${JSON.stringify(contextUsed(request, context))}, ${JSON.stringify(quote)}, ${toFen(quote.total)}, ${ids.fxSnapshotId}, ${ids.customsRuleSetId}, ${new Date(quote.validUntil)}, ${new Date()})`;
  await new Promise<void>((resolve, reject) => {
    pendingQuotes.push({ values, resolve, reject });
    if (!flushScheduled) {
      flushScheduled = true;
      setImmediate(() => void flushQuotes());
    }
  });
  return id;
}

/** Re-runs a stored quote on the context it was made with: the same numbers, to the fen. */
export async function recomputeStoredQuote(id: string) {
  const row = await db.quote.findUnique({ where: { id }, select: { request: true, context: true, result: true } });
  if (!row) return null;
  const outcome = calculateLandedCost(JSON.parse(row.request), await withCustomsRules(JSON.parse(row.context)));
  return { stored: fromJsonColumn(quoteResultSchema, "Quote.result", row.result), recomputed: outcome };
}

export type LineQuote = { line: ShippingLineRow; outcome: QuoteOutcome; cheapest: boolean; fastest: boolean };

/** The quote page: the same request on every active line (of one origin, or all), cheapest and fastest marked. */
export async function quoteAcrossLines(request: QuoteRequest, options: { origin?: string; now?: Date } = {}) {
  const [loaded, allLines] = await Promise.all([
    loadPricingContext(undefined, options.now ?? new Date()),
    listShippingLines({ activeOnly: true }),
  ]);
  if (!loaded.ok) return { ok: false as const, error: loaded.error };
  const { fxSnapshotId: _ignored, ...shared } = loaded.shared;
  const lines = allLines.filter((line) => !options.origin || options.origin === "ALL" || line.originCountry === options.origin);
  const results = lines.map((line) => ({ line, outcome: calculateLandedCost(request, { ...shared, shippingLine: toContextLine(line) }) }));
  // The quote page names the rule set every card was computed under.
  const customsRuleSet = loaded.customsRuleSet as CustomsRuleSetEntry;
  // Stale rates are not a property of one line: say it once, instead of on every card.
  const stale = results.find((result) => !result.outcome.ok && result.outcome.error.code === "RATES_STALE");
  if (stale && !stale.outcome.ok) return { ok: false as const, error: stale.outcome.error };
  const totalOf = (outcome: QuoteOutcome) => (outcome.ok ? toFen(outcome.quote.total) : Infinity);
  const quoted = results.filter((result) => result.outcome.ok);
  const cheapest = Math.min(...quoted.map((result) => totalOf(result.outcome)));
  const fastest = Math.min(...quoted.map((result) => result.line.etaDaysMax));
  const quotes: LineQuote[] = results.map((result) => ({
    ...result,
    cheapest: result.outcome.ok && totalOf(result.outcome) === cheapest,
    fastest: result.outcome.ok && result.line.etaDaysMax === fastest,
  }));
  return { ok: true as const, quotes, customsRuleSet };
}

/** What the quote form offers: currencies the latest snapshot can convert, the tax table, the origins served. */
export async function getQuoteOptions() {
  const [snapshot, taxCategories, lines] = await Promise.all([
    latestFxSnapshot(),
    listTaxCategories(),
    listShippingLines({ activeOnly: true }),
  ]);
  const preferred = ["USD", "JPY", "EUR", "KRW", "GBP", "HKD", "AUD", "CAD"];
  const available = Object.keys(snapshot?.rates ?? {}).filter((code) => code !== "CNY");
  const currencies = [
    ...preferred.filter((code) => available.includes(code)),
    ...available.filter((code) => !preferred.includes(code)).sort(),
  ];
  const origins = [...new Set(lines.map((line) => line.originCountry))];
  return { currencies, taxCategories: taxCategories.map(({ code, nameZh, nameEn }) => ({ code, nameZh, nameEn })), origins };
}

/** What a listing's landed price is computed from (the listing page, the precompute). */
export type ListingForQuote = {
  title: string;
  price: string;
  variant?: {
    price: string;
    weightGrams: number | null;
    lengthCm?: number | null;
    widthCm?: number | null;
    heightCm?: number | null;
  } | null;
  currency: string;
  weightGrams: number | null;
  lengthCm: number | null;
  widthCm: number | null;
  heightCm: number | null;
  taxCategory: string;
  store: { country: string };
  /** A one-off listing's store shipping (store currency, per line); listings otherwise have none. */
  domesticShipping?: string | null;
};

/** The request the listing page quotes: one unit of the listing (or the chosen variant), no insurance. */
export function listingQuoteRequest(listing: Omit<ListingForQuote, "store">): QuoteRequest {
  const parcel = variantParcel(listing, listing.variant);
  return {
    items: [
      {
        title: listing.title,
        price: listing.variant?.price ?? listing.price,
        currency: listing.currency,
        quantity: 1,
        weightGrams: parcel.weightGrams ?? 0,
        ...parcelDimensions(parcel),
        taxCategory: listing.taxCategory,
        domesticShipping: listing.domesticShipping ?? "0",
      },
    ],
    insurance: false,
    annualCbecUsedCny: "0",
  };
}

export type ListingQuote = { line: ShippingLineRow; outcome: QuoteOutcome };

/**
 * Prices listings on their origin's default line, one unit: the listing page, the lists' precomputed
 * landed price and its full recompute all go through `quote`, so they give the same number. The
 * context is loaded once and each line gets one quoter (the calculator bound to that line's
 * context), reused for every listing on it.
 */
export async function createListingPricer(now = new Date()) {
  const [loaded, lines] = await Promise.all([loadPricingContext(undefined, now), listShippingLines({ activeOnly: true })]);
  const shared = loaded.ok ? (({ fxSnapshotId: _ignored, ...rest }) => rest)(loaded.shared) : null;
  const byCountry = new Map<string, { line: ShippingLineRow; quoter: Quoter | null } | null>();
  const entryFor = (country: string) => {
    if (!byCountry.has(country)) {
      const line = defaultLineAmong(lines, country);
      byCountry.set(
        country,
        line ? { line, quoter: shared ? createQuoter({ ...shared, shippingLine: toContextLine(line) }) : null } : null,
      );
    }
    return byCountry.get(country) ?? null;
  };
  return {
    loaded,
    /** Every origin's default line, for what a recompute depends on. */
    defaultLines: () => [...new Set(lines.map((line) => line.originCountry))].flatMap((country) => entryFor(country)?.line ?? []),
    quote(listing: ListingForQuote): ListingQuote | null {
      const entry = entryFor(listing.store.country);
      if (!entry) return null;
      if (!entry.quoter) return { line: entry.line, outcome: { ok: false, error: (loaded as { error: QuoteError }).error } };
      return { line: entry.line, outcome: entry.quoter(listingQuoteRequest(listing)) };
    },
  };
}

export type ListingPricer = Awaited<ReturnType<typeof createListingPricer>>;

/** A listing's landed price on its origin's default line, one unit, from the same calculator. */
export async function quoteListing(listing: ListingForQuote, now = new Date()) {
  return (await createListingPricer(now)).quote(listing);
}

/** A listing's landed price whatever its status (the import preview shows drafts), for its default variant. */
export async function quoteListingById(id: string) {
  const listing = await db.listing.findUnique({
    where: { id },
    select: {
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
    },
  });
  return listing ? quoteListing({ ...listing, variant: pickVariant(listing.variants) }) : null;
}
