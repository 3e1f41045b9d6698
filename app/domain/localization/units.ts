// Exact international definitions (1959 yard and pound agreement; US customary fluid ounce).
const GRAMS_PER_POUND = 453.59237;
const GRAMS_PER_OUNCE = 28.349523125;
const ML_PER_US_FLUID_OUNCE = 29.5735295625;
const CM_PER_INCH = 2.54;
const CM_PER_FOOT = 30.48;

const GRAMS_PER_UNIT: Readonly<Record<string, number>> = {
  g: 1,
  gram: 1,
  grams: 1,
  gramm: 1,
  gr: 1,
  grm: 1,
  kg: 1000,
  kilo: 1000,
  kilos: 1000,
  kilogram: 1000,
  kilograms: 1000,
  kilogramm: 1000,
  kgs: 1000,
  kgm: 1000,
  lb: GRAMS_PER_POUND,
  lbs: GRAMS_PER_POUND,
  pound: GRAMS_PER_POUND,
  pounds: GRAMS_PER_POUND,
  lbr: GRAMS_PER_POUND,
  oz: GRAMS_PER_OUNCE,
  ounce: GRAMS_PER_OUNCE,
  ounces: GRAMS_PER_OUNCE,
  onz: GRAMS_PER_OUNCE,
};

/**
 * Grams, unrounded, for a weight in any unit stores and customs data use (g, kg, lb/lbs, oz and the
 * UN/CEFACT codes GRM, KGM, LBR, ONZ); null for an unknown unit or a value that is not positive.
 */
export function parseWeight(value: number, unit: string): number | null {
  const factor = GRAMS_PER_UNIT[unit.trim().toLowerCase().replace(/\.$/, "")];
  if (factor === undefined || !Number.isFinite(value) || value <= 0) return null;
  return value * factor;
}

/** Up to `decimals` places, trailing zeros dropped: 1.130 → "1.13", 38.0 → "38". */
export function formatNumber(value: number, decimals: number): string {
  const fixed = value.toFixed(decimals);
  return fixed.includes(".") ? fixed.replace(/\.?0+$/, "") : fixed;
}

// Whole grams and millilitres read best under a kilo or a litre; above, two decimals.
function grams(value: number): string {
  return value >= 1000 ? `${formatNumber(value / 1000, 2)} 千克` : `${formatNumber(value, value < 10 ? 1 : 0)} 克`;
}

function millilitres(value: number): string {
  return value >= 1000 ? `${formatNumber(value / 1000, 2)} 升` : `${formatNumber(value, value < 10 ? 1 : 0)} 毫升`;
}

function centimetres(value: number): string {
  return value >= 100 ? `${formatNumber(value / 100, 2)} 米` : `${formatNumber(value, 1)} 厘米`;
}

/** "32" → '32 英寸（81.3 厘米）': imperial figures keep the original next to the metric one. */
export function inches(value: number): string {
  return `${formatNumber(value, 2)} 英寸（${centimetres(value * CM_PER_INCH)}）`;
}

type Unit = { zh: string; metric?: (value: number) => string; compact?: boolean };

// Metric units only get their Chinese name; electrical ones stay as Chinese listings write them ("15W").
const UNITS: Readonly<Record<string, Unit>> = {
  lb: { zh: "磅", metric: (v) => grams(v * GRAMS_PER_POUND) },
  oz: { zh: "盎司", metric: (v) => grams(v * GRAMS_PER_OUNCE) },
  floz: { zh: "液量盎司", metric: (v) => millilitres(v * ML_PER_US_FLUID_OUNCE) },
  in: { zh: "英寸", metric: (v) => centimetres(v * CM_PER_INCH) },
  ft: { zh: "英尺", metric: (v) => centimetres(v * CM_PER_FOOT) },
  degf: { zh: "°F", metric: (v) => `${formatNumber(((v - 32) * 5) / 9, 0)}°C` },
  mm: { zh: "毫米" },
  cm: { zh: "厘米" },
  m: { zh: "米" },
  km: { zh: "公里" },
  ml: { zh: "毫升" },
  l: { zh: "升" },
  mg: { zh: "毫克" },
  g: { zh: "克" },
  kg: { zh: "千克" },
  min: { zh: "分钟" },
  h: { zh: "小时" },
  w: { zh: "W", compact: true },
  kw: { zh: "kW", compact: true },
  v: { zh: "V", compact: true },
  mah: { zh: "mAh", compact: true },
  hz: { zh: "Hz", compact: true },
};

function unitKey(raw: string): keyof typeof UNITS | undefined {
  const unit = raw.toLowerCase().replace(/[.\s]/g, "");
  if (/^(?:lbs?|pounds?)$/.test(unit)) return "lb";
  if (/^(?:oz|ounces?)$/.test(unit)) return "oz";
  if (/^(?:floz|fluidounces?)$/.test(unit)) return "floz";
  if (/^(?:in|inch|inches|"|″|”|-inch)$/.test(unit)) return "in";
  if (/^(?:ft|feet|foot)$/.test(unit)) return "ft";
  if (/^°f$/.test(unit)) return "degf";
  if (/^(?:min|mins|minutes?|minuten|分|분)$/.test(unit)) return "min";
  if (/^(?:hours?|hrs?|stunden|時間|시간)$/.test(unit)) return "h";
  return unit in UNITS ? (unit as keyof typeof UNITS) : undefined;
}

const NUMBER = String.raw`\d+(?:[.,]\d+)*`;
// "in" is only inches when no number or article follows: not "3-in-1", not "2 in the box". An
// abbreviation's dot is left alone: it usually ends the sentence.
const UNIT = String.raw`fl\.?\s*oz|fluid\s+ounces?|lbs?|pounds?|oz|ounces?|inch(?:es)?|in(?![\s-]*\d)(?!\s+(?:a|an|the|one|stock|total|box)\b)|"|″|”|feet|foot|ft|°\s*F|mm|cm|km|m|ml|l|mg|kg|g|minutes?|minuten|mins?|hours?|hrs?|stunden|分|분|時間|시간|kW|W|V|mAh|Hz`;
// Jeans sizes: waist and inseam in inches, "32W x 32L" or "W32 L32".
const JEANS = String.raw`(\d{2})\s*W\s*[x×/]?\s*(\d{2})\s*L|W\s*(\d{2})\s*[x×/]?\s*L\s*(\d{2})`;
const MEASURE = new RegExp(
  String.raw`(?<![\p{L}\p{N}.,])(?:(?:${JEANS})(?![\p{L}\p{N}])|(?:(${NUMBER})\s*[-–~〜]\s*)?(${NUMBER})(\s*|-)(${UNIT})(?![\p{Script=Latin}\p{N}]))`,
  "giu",
);

/** "1,7" (German decimal) → 1.7, "1,204" (thousands) → 1204, "1.234,5" → 1234.5. */
export function parseNumber(text: string): number {
  const lastComma = text.lastIndexOf(",");
  const lastDot = text.lastIndexOf(".");
  if (lastComma === -1) return Number(text.split(".").length > 2 ? text.replace(/\./g, "") : text);
  if (lastDot > lastComma) return Number(text.replace(/,/g, ""));
  if (lastDot !== -1) return Number(text.replace(/\./g, "").replace(",", "."));
  const decimals = text.length - lastComma - 1;
  return Number(text.split(",").length === 2 && decimals !== 3 ? text.replace(",", ".") : text.replace(/,/g, ""));
}

/** A measurement found in a text and what it reads in Chinese. */
export type Measure = { start: number; end: number; source: string; zh: string };

function jeansSize(waist: string, length: string): string {
  return `腰围 ${inches(Number(waist))} × 裤长 ${inches(Number(length))}`;
}

function describe(low: string | undefined, high: string, separator: string, rawUnit: string): string | null {
  const key = unitKey(rawUnit);
  const unit = key === undefined ? undefined : UNITS[key];
  if (!key || !unit) return null;
  // 15" is inches, 15 " is an opening quote; "10 M" is a shoe width, "5G" a network, not 5 grams.
  if (/^["″”]$/.test(rawUnit) && separator !== "") return null;
  if (rawUnit === "M" || rawUnit === "G") return null;
  const values = [low, high].filter((v): v is string => v !== undefined).map(parseNumber);
  if (values.some((v) => !Number.isFinite(v))) return null;
  const figure = values.map((v) => formatNumber(v, 3)).join("–");
  if (unit.compact) return `${figure}${unit.zh}`;
  const written = key === "degf" ? `${figure}°F` : `${figure} ${unit.zh}`;
  if (!unit.metric) return written;
  return `${written}（${values.map((v) => unit.metric?.(v) ?? "").join("–")}）`;
}

/** Every measurement in `text` with its Chinese reading; imperial ones carry the metric value too. */
export function findMeasures(text: string): Measure[] {
  const measures: Measure[] = [];
  for (const found of text.matchAll(MEASURE)) {
    const [source, waistFirst, lengthFirst, waistAfterW, lengthAfterL, low, high, separator, unit] = found;
    const waist = waistFirst ?? waistAfterW;
    const length = lengthFirst ?? lengthAfterL;
    const zh =
      waist !== undefined && length !== undefined
        ? jeansSize(waist, length)
        : high !== undefined && unit !== undefined
          ? describe(low, high, separator ?? "", unit)
          : null;
    if (zh !== null) measures.push({ start: found.index, end: found.index + source.length, source, zh });
  }
  return measures;
}

/**
 * Imperial and US units rewritten for a Chinese reader, the original kept first so an agent can check
 * it against the store: "2.5 lb" → "2.5 磅（1.13 千克）", "15-inch" → "15 英寸（38.1 厘米）". Metric
 * units only get their Chinese name: "50 ml" → "50 毫升".
 */
export function metricizeText(text: string): string {
  let out = "";
  let last = 0;
  for (const measure of findMeasures(text)) {
    out += text.slice(last, measure.start) + measure.zh;
    last = measure.end;
  }
  return out + text.slice(last);
}
