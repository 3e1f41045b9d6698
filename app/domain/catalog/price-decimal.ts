// Prices stay decimal strings end to end: a float round trip can turn "0.30" into "0.29999999999999998".

// ISO 4217 minor units where they differ from 2. Only currencies a store could plausibly price in.
const MINOR_UNITS: Record<string, number> = { JPY: 0, KRW: 0, VND: 0, CLP: 0, ISK: 0, BHD: 3, KWD: 3, JOD: 3 };

/**
 * Shopify's storefront money (`.js`, `cart.js`, Liquid) is always hundredths of the unit, whatever the
 * currency: a ¥1,200 product reads 120000 and 100000 CLP means 1,000 CLP. Dividing by the ISO minor
 * units instead would inflate every yen and won price a hundredfold.
 */
export const SHOPIFY_MONEY_SCALE = 100;

const PLAIN = /^(\d+)(?:\.(\d+))?$/;

export function minorUnits(currency: string): number {
  return MINOR_UNITS[currency] ?? 2;
}

/**
 * One spelling per value and currency, so that the same price read from two endpoints compares
 * equal as a string (price snapshots are written when the string changes): the fraction is padded
 * to the currency's digits, and digits beyond them are kept only when they carry a value.
 * A fraction on a currency without minor units is no real price: null.
 */
export function canonicalDecimal(value: string, currency: string): string | null {
  const match = PLAIN.exec(value);
  if (!match) return null;
  const whole = (match[1] ?? "").replace(/^0+(?=\d)/, "");
  let fraction = (match[2] ?? "").replace(/0+$/, "");
  const digits = minorUnits(currency);
  if (digits === 0 && fraction) return null;
  fraction = fraction.padEnd(digits, "0");
  return fraction ? `${whole}.${fraction}` : whole;
}

/** A JSON number as the store wrote it: String() gives the shortest form that reads back the same. */
export function priceFromNumber(value: number, currency: string): string | null {
  if (!Number.isFinite(value) || value < 0) return null;
  const text = String(value);
  // 1e21 and 1e-7 print in exponent form; neither is a shop price.
  return /e/i.test(text) ? null : canonicalDecimal(text, currency);
}

/**
 * Only forms with one possible reading: "1299.00", "1,299.00" and "1.299,00" (both separators
 * present), and "1,299" in a currency without minor units. "1,299" in dollars (1299 or 1.299?) and
 * "12,50" are refused: an import that fails is better than a price off by a thousand.
 */
export function priceFromText(value: string, currency: string): string | null {
  const text = value.trim();
  if (PLAIN.test(text)) return canonicalDecimal(text, currency);
  if (/^\d{1,3}(?:,\d{3})+\.\d+$/.test(text)) return canonicalDecimal(text.replace(/,/g, ""), currency);
  if (/^\d{1,3}(?:\.\d{3})+,\d+$/.test(text)) return canonicalDecimal(text.replace(/\./g, "").replace(",", "."), currency);
  if (minorUnits(currency) === 0 && /^\d{1,3}(?:,\d{3})+$/.test(text)) return canonicalDecimal(text.replace(/,/g, ""), currency);
  return null;
}

/** Shopify storefront money (an integer of hundredths) as a decimal string; see SHOPIFY_MONEY_SCALE. */
export function priceFromShopifyCents(value: number, currency: string): string | null {
  if (!Number.isSafeInteger(value) || value < 0) return null;
  const digits = String(value).padStart(3, "0");
  return canonicalDecimal(`${digits.slice(0, -2)}.${digits.slice(-2)}`, currency);
}

/** Compares two plain decimal strings without converting them to numbers. */
export function compareDecimal(a: string, b: string): number {
  const [aWhole = "", aFraction = ""] = a.split(".");
  const [bWhole = "", bFraction = ""] = b.split(".");
  const wholeA = aWhole.replace(/^0+(?=\d)/, "");
  const wholeB = bWhole.replace(/^0+(?=\d)/, "");
  if (wholeA.length !== wholeB.length) return wholeA.length < wholeB.length ? -1 : 1;
  if (wholeA !== wholeB) return wholeA < wholeB ? -1 : 1;
  const width = Math.max(aFraction.length, bFraction.length);
  const fa = aFraction.padEnd(width, "0");
  const fb = bFraction.padEnd(width, "0");
  return fa === fb ? 0 : fa < fb ? -1 : 1;
}

export function isPlainDecimal(value: string): boolean {
  return PLAIN.test(value);
}
