import { Ratio } from "../landed-cost/ratio";

const PLAIN_DECIMAL = /^\d{1,15}(?:\.\d{1,10})?$/;

function trimZeros(fixed: string): string {
  return fixed.includes(".") ? fixed.replace(/0+$/, "").replace(/\.$/, "") : fixed;
}

/**
 * A JSON rate (a double) as the decimal string it was written as: String() gives the shortest
 * round-trip form, so 1.0939 stays "1.0939". Exponent forms and very long fractions are
 * rounded to 10 places, which is far below what any rate against EUR needs.
 */
export function decimalFromNumber(value: number): string | null {
  if (!Number.isFinite(value) || value <= 0) return null;
  const text = String(value);
  if (PLAIN_DECIMAL.test(text)) return text;
  const rounded = trimZeros(Ratio.fromNumber(value).toFixed(10));
  return PLAIN_DECIMAL.test(rounded) && /[1-9]/.test(rounded) ? rounded : null;
}

/** numerator / denominator as a decimal string (10 places), for re-basing a snapshot on EUR. */
export function divideDecimals(numerator: string, denominator: string): string | null {
  const rounded = trimZeros(Ratio.parse(numerator).div(Ratio.parse(denominator)).toFixed(10));
  return PLAIN_DECIMAL.test(rounded) && /[1-9]/.test(rounded) ? rounded : null;
}
