// Exact international definitions; the rounding to whole grams happens once, at the end.
const GRAMS_PER_UNIT: Record<string, number> = {
  g: 1,
  gram: 1,
  grams: 1,
  gr: 1,
  grm: 1,
  kg: 1000,
  kilogram: 1000,
  kilograms: 1000,
  kgs: 1000,
  kgm: 1000,
  lb: 453.59237,
  lbs: 453.59237,
  pound: 453.59237,
  pounds: 453.59237,
  lbr: 453.59237,
  oz: 28.349523125,
  ounce: 28.349523125,
  ounces: 28.349523125,
  onz: 28.349523125,
};

/**
 * Whole grams, or null for "unknown". Stores leave 0 in the weight field when nobody entered one,
 * so 0 (and anything that rounds to it) is unknown too: a zero weight would quote free shipping.
 */
export function toGrams(value: number | string | null | undefined, unit: string | null | undefined): number | null {
  if (value === null || value === undefined || !unit) return null;
  const amount = typeof value === "number" ? value : /^\s*\d+(?:\.\d+)?\s*$/.test(value) ? Number(value) : Number.NaN;
  const factor = GRAMS_PER_UNIT[unit.trim().toLowerCase()];
  if (!Number.isFinite(amount) || amount <= 0 || factor === undefined) return null;
  const grams = Math.round(amount * factor);
  return grams > 0 && Number.isSafeInteger(grams) ? grams : null;
}

/** "1.5 lb", "500g", "2 kg": the free-text weights some product pages state. */
export function gramsFromText(text: string): number | null {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([a-z]+)\.?\s*$/i.exec(text);
  return match ? toGrams(match[1] ?? null, match[2] ?? null) : null;
}
