// Imperial and US units in store text become metric with Chinese unit names.
const GRAMS_PER: Record<string, number> = { g: 1, gr: 1, grm: 1, gram: 1, grams: 1, kg: 1000, kgm: 1000, kilogram: 1000, kilograms: 1000, lb: 453.59237, lbs: 453.59237, lbr: 453.59237, pound: 453.59237, pounds: 453.59237, oz: 28.349523125, onz: 28.349523125, ounce: 28.349523125, ounces: 28.349523125 };

/** A weight in grams (rounded), or null for unknown units and non-positive values. */
export function parseWeight(value: number, unit: string): number | null {
  const factor = GRAMS_PER[unit.trim().toLowerCase()];
  if (!factor || !Number.isFinite(value) || value <= 0) return null;
  return Math.round(value * factor);
}

const trim = (value: number, digits: number) => String(Number(value.toFixed(digits)));

const RULES: [RegExp, (n: number) => string][] = [
  [/(\d+(?:\.\d+)?)\s*(?:fl\.?\s*oz|fluid ounces?)\b/gi, (n) => `${trim(n * 29.5735, 0)} 毫升`],
  [/(\d+(?:\.\d+)?)\s*(?:lbs?|pounds?)\b/gi, (n) => (n * 453.59237 >= 1000 ? `${trim((n * 453.59237) / 1000, 2)} 千克` : `${trim(n * 453.59237, 0)} 克`)],
  [/(\d+(?:\.\d+)?)\s*(?:oz|ounces?)\b/gi, (n) => `${trim(n * 28.3495, 0)} 克`],
  [/(\d+(?:\.\d+)?)\s*(?:-?\s*inch(?:es)?\b|in\b|″|")/gi, (n) => `${trim(n * 2.54, 1)} 厘米`],
  [/(\d+(?:\.\d+)?)\s*(?:ft|feet|foot)\b/gi, (n) => `${trim(n * 0.3048, 2)} 米`],
];

/** Rewrites "2.5 lb", "12 oz", "8 fl oz", "15 in", "6 ft" as metric with Chinese units. */
export function metricizeText(text: string): string {
  return RULES.reduce((current, [pattern, convert]) => current.replace(pattern, (_, number: string) => convert(Number(number))), text);
}
