import { cnyPerUnit } from "~/domain/landed-cost/fx";
import { db } from "~/utils/db.server";
import { latestFxSnapshot, loadFees } from "./pricing-context.server";

/**
 * Re-derives every listing's CNY goods price (used only to filter and sort the catalog) from the
 * newest rates: one UPDATE per currency. Run after new rates are activated and after seeding.
 */
export async function refreshCnyPrices() {
  const [snapshot, fees] = await Promise.all([latestFxSnapshot(), loadFees()]);
  if (!snapshot || !fees) return 0;
  const currencies = await db.listing.findMany({ select: { currency: true }, distinct: ["currency"] });
  let updated = 0;
  for (const { currency } of currencies) {
    const rate = cnyPerUnit(snapshot, fees.fxSpread, currency);
    // An approximation is fine here: what a shopper pays always comes from the calculator.
    updated += rate
      ? await db.$executeRaw`UPDATE "Listing" SET "priceCnyFen" = CAST(ROUND(CAST("price" AS REAL) * ${rate.toNumber()} * 100) AS INTEGER) WHERE "currency" = ${currency}`
      : await db.$executeRaw`UPDATE "Listing" SET "priceCnyFen" = NULL WHERE "currency" = ${currency}`;
  }
  return updated;
}

/** The same figure for one listing being written (import, price refresh). */
export async function cnyFenFor(price: string, currency: string): Promise<number | null> {
  const [snapshot, fees] = await Promise.all([latestFxSnapshot(), loadFees()]);
  if (!snapshot || !fees) return null;
  const rate = cnyPerUnit(snapshot, fees.fxSpread, currency);
  return rate ? Math.round(Number(price) * rate.toNumber() * 100) : null;
}

