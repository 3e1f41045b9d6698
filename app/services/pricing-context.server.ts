import { fromJsonColumn, storedDecimalsSchema } from "~/domain/stored";
import type { CustomsRules, QuoteContext } from "~/domain/landed-cost";
import { chinaIsoInstant } from "~/domain/china-time";
import { db, type Tx } from "~/utils/db.server";
import { createTtlCache } from "~/utils/ttl-cache.server";

const lineSelect = {
  code: true,
  nameZh: true,
  nameEn: true,
  originCountry: true,
  customsRegime: true,
  firstWeightGrams: true,
  firstWeightPrice: true,
  additionalWeightGrams: true,
  additionalWeightPrice: true,
  volumetricDivisor: true,
  handlingFee: true,
  removeBoxesFee: true,
  extraProtectionFee: true,
  freeStorageDays: true,
  etaDaysMin: true,
  etaDaysMax: true,
  active: true,
  isDefault: true,
} as const;

// Pricing reference data changes rarely (admin edits, a daily rate snapshot) and every quote reads
// it: each process keeps it for a few seconds.
const cache = createTtlCache(5_000);

export function invalidatePricingCache() {
  cache.clear();
}

export type ShippingLineRow = Awaited<ReturnType<typeof loadShippingLines>>[number];

function loadShippingLines() {
  return db.shippingLine.findMany({
    select: lineSelect,
    orderBy: [{ originCountry: "asc" }, { customsRegime: "desc" }, { code: "asc" }],
  });
}

export async function listShippingLines(options: { activeOnly?: boolean } = {}) {
  const lines = await cache.get("lines", loadShippingLines);
  return options.activeOnly ? lines.filter((line) => line.active) : lines;
}

export async function findShippingLine(code: string) {
  return (await listShippingLines()).find((line) => line.code === code) ?? null;
}

export async function findDefaultShippingLine(originCountry: string) {
  return defaultLineAmong(await listShippingLines({ activeOnly: true }), originCountry);
}

/** An origin's default line among active lines: the one marked default, else its first. */
export function defaultLineAmong(activeLines: readonly ShippingLineRow[], originCountry: string) {
  const lines = activeLines.filter((line) => line.originCountry === originCountry);
  return lines.find((line) => line.isDefault) ?? lines[0] ?? null;
}

const contextLines = new WeakMap<ShippingLineRow, QuoteContext["shippingLine"]>();

/** The shape the calculator takes: only the pricing fields of a line (one object per cached row). */
export function toContextLine(line: ShippingLineRow): QuoteContext["shippingLine"] {
  const known = contextLines.get(line);
  if (known) return known;
  const contextLine: QuoteContext["shippingLine"] = {
    code: line.code,
    originCountry: line.originCountry,
    customsRegime: line.customsRegime as "POSTAL" | "CBEC",
    firstWeightGrams: line.firstWeightGrams,
    firstWeightPrice: line.firstWeightPrice,
    additionalWeightGrams: line.additionalWeightGrams,
    additionalWeightPrice: line.additionalWeightPrice,
    volumetricDivisor: line.volumetricDivisor,
    handlingFee: line.handlingFee,
    removeBoxesFee: line.removeBoxesFee,
    extraProtectionFee: line.extraProtectionFee,
  };
  contextLines.set(line, contextLine);
  return contextLine;
}

function loadFeeRow() {
  return cache.get("fees", () =>
    db.feeSchedule
      .findUnique({
        where: { id: "default" },
        select: {
          fxSpread: true,
          serviceFeeRate: true,
          serviceFeeMinimum: true,
          insuranceRate: true,
          ratesMaxAgeHours: true,
          quoteValidityMinutes: true,
          defaultShippingLineCode: true,
        },
      })
      .then((row) => {
        if (!row) return null;
        const { defaultShippingLineCode, ...fees } = row;
        return { fees, defaultShippingLineCode };
      }),
  );
}

export async function loadFees(): Promise<QuoteContext["fees"] | null> {
  return (await loadFeeRow())?.fees ?? null;
}

/** The line a quote uses when it names none (API and CLI documents). */
export async function loadDefaultShippingLineCode() {
  return (await loadFeeRow())?.defaultShippingLineCode ?? null;
}

export function loadTaxCategories(): Promise<QuoteContext["taxCategories"]> {
  return cache.get("taxes", async () => {
    const rows = await db.taxCategory.findMany({
      select: { code: true, postalRate: true, cbecVat: true, cbecConsumption: true, mfnTariff: true },
    });
    return Object.fromEntries(rows.map(({ code, ...rates }) => [code, rates]));
  });
}

/** The newest ACTIVE snapshot; `fx` is the calculator's part, one object while cached. */
export function latestFxSnapshot() {
  return cache.get("fx", async () => {
    const snapshot = await db.fxSnapshot.findFirst({
      where: { status: "ACTIVE" },
      orderBy: { createdAt: "desc" },
      select: { id: true, base: true, asOf: true, source: true, rates: true, createdAt: true },
    });
    if (!snapshot) return null;
    const rates = fromJsonColumn(storedDecimalsSchema, "FxSnapshot.rates", snapshot.rates);
    return { ...snapshot, rates, fx: { base: snapshot.base, asOf: snapshot.asOf, rates } };
  });
}

export async function listTaxCategories() {
  return db.taxCategory.findMany({
    select: { code: true, nameZh: true, nameEn: true, postalRate: true, cbecVat: true, cbecConsumption: true, mfnTariff: true },
    orderBy: { code: "asc" },
  });
}

const customsSelect = {
  id: true,
  effectiveFrom: true,
  source: true,
  sourceZh: true,
  postalParcelLimit: true,
  postalParcelLimitByOrigin: true,
  postalTaxWaiver: true,
  cbecSingleLimit: true,
  cbecAnnualLimit: true,
  cbecTaxShare: true,
} as const;

type CustomsRow = { [K in keyof typeof customsSelect]: K extends "effectiveFrom" ? Date : string };

/** A rule set row and its `context.customs` part (one object per cached row, so it is validated once). */
export type CustomsRuleSetEntry = { id: string; effectiveFrom: string; sourceZh: string; customs: CustomsRules };

export function toCustomsEntry(row: CustomsRow): CustomsRuleSetEntry {
  const { id, sourceZh, effectiveFrom, postalParcelLimitByOrigin, ...limits } = row;
  const customs: CustomsRules = {
    effectiveFrom: chinaIsoInstant(effectiveFrom),
    source: limits.source,
    postalParcelLimit: limits.postalParcelLimit,
    postalParcelLimitByOrigin: fromJsonColumn(storedDecimalsSchema, "CustomsRuleSet.postalParcelLimitByOrigin", postalParcelLimitByOrigin),
    postalTaxWaiver: limits.postalTaxWaiver,
    cbecSingleLimit: limits.cbecSingleLimit,
    cbecAnnualLimit: limits.cbecAnnualLimit,
    cbecTaxShare: limits.cbecTaxShare,
  };
  return { id, effectiveFrom: effectiveFrom.toISOString(), sourceZh, customs };
}

/** Every customs rule set, oldest first; the service picks the one in force at each quote's `now`. */
export function loadCustomsRuleSets(): Promise<CustomsRuleSetEntry[]> {
  return cache.get("customs", async () => {
    const rows = await db.customsRuleSet.findMany({ select: customsSelect, orderBy: { effectiveFrom: "asc" } });
    return rows.map(toCustomsEntry);
  });
}

/** The same, read through a transaction's client (no cache: a cached load waiting outside would deadlock). */
export async function findCustomsRuleSetInForce(client: Pick<Tx, "customsRuleSet">, at: Date): Promise<CustomsRuleSetEntry | null> {
  const row = await client.customsRuleSet.findFirst({
    where: { effectiveFrom: { lte: at } },
    orderBy: { effectiveFrom: "desc" },
    select: customsSelect,
  });
  return row ? toCustomsEntry(row) : null;
}
