import type { QuoteContext } from "~/domain/landed-cost";
import { db } from "~/utils/db.server";

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
  etaDaysMin: true,
  etaDaysMax: true,
  active: true,
  isDefault: true,
} as const;

export type ShippingLineRow = Awaited<ReturnType<typeof listShippingLines>>[number];

export async function listShippingLines(options: { activeOnly?: boolean } = {}) {
  return db.shippingLine.findMany({
    where: options.activeOnly ? { active: true } : {},
    select: lineSelect,
    orderBy: [{ originCountry: "asc" }, { customsRegime: "desc" }, { code: "asc" }],
  });
}

export async function findShippingLine(code: string) {
  return db.shippingLine.findUnique({ where: { code }, select: lineSelect });
}

export async function findDefaultShippingLine(originCountry: string) {
  return db.shippingLine.findFirst({
    where: { originCountry, active: true },
    select: lineSelect,
    orderBy: [{ isDefault: "desc" }, { code: "asc" }],
  });
}

/** The shape the calculator takes: only the pricing fields of a line. */
export function toContextLine(line: ShippingLineRow): QuoteContext["shippingLine"] {
  return {
    code: line.code,
    originCountry: line.originCountry,
    customsRegime: line.customsRegime as "POSTAL" | "CBEC",
    firstWeightGrams: line.firstWeightGrams,
    firstWeightPrice: line.firstWeightPrice,
    additionalWeightGrams: line.additionalWeightGrams,
    additionalWeightPrice: line.additionalWeightPrice,
    volumetricDivisor: line.volumetricDivisor,
    handlingFee: line.handlingFee,
  };
}

export async function loadFees(): Promise<QuoteContext["fees"] | null> {
  const fees = await db.feeSchedule.findUnique({
    where: { id: "default" },
    select: { fxSpread: true, serviceFeeRate: true, serviceFeeMinimum: true, insuranceRate: true, ratesMaxAgeHours: true, quoteValidityMinutes: true },
  });
  return fees;
}

export async function loadTaxCategories(): Promise<QuoteContext["taxCategories"]> {
  const rows = await db.taxCategory.findMany({ select: { code: true, postalRate: true, cbecVat: true, cbecConsumption: true, mfnTariff: true } });
  return Object.fromEntries(rows.map(({ code, ...rates }) => [code, rates]));
}

export async function latestFxSnapshot() {
  const snapshot = await db.fxSnapshot.findFirst({
    where: { status: "ACTIVE" },
    orderBy: { createdAt: "desc" },
    select: { id: true, base: true, asOf: true, source: true, rates: true, createdAt: true },
  });
  if (!snapshot) return null;
  return { ...snapshot, rates: JSON.parse(snapshot.rates) as Record<string, string> };
}

export async function listTaxCategories() {
  return db.taxCategory.findMany({
    select: { code: true, nameZh: true, nameEn: true, postalRate: true, cbecVat: true, cbecConsumption: true, mfnTariff: true },
    orderBy: { code: "asc" },
  });
}
