import { draftTitle } from "./title";
import { formatNumber, metricizeText, parseNumber } from "./units";

export type ShoeSystem = "US_M" | "US_W" | "UK" | "EU" | "JP";
export type Fit = "men" | "women" | "unisex";
export type ShoeSize = { cn: string; mm: number };

// Foot length from US/UK sizes, in inches, the Brannock-device convention: a full size is 1/3 inch,
// US men's 9 = UK 8 = US women's 10.5 = 10⅓ in.
const FOOT_INCHES: Readonly<Record<"US_M" | "US_W" | "UK", (size: number) => number>> = {
  US_M: (size) => (size + 22) / 3,
  US_W: (size) => (size + 20.5) / 3,
  UK: (size) => (size + 23) / 3,
};

// Mondopoint (ISO 9407, also GB/T 3293.1): the foot length in mm, in 5 mm steps, mapped to the
// EU-style number printed on the tags of shoes sold in China (the Nike/Adidas China charts):
// 265 mm → 42. The foot length is rounded UP to the next step, as a shoe must fit the whole foot.
const CN_BY_MM: ReadonlyMap<number, number> = new Map([
  [220, 35],
  [225, 35.5],
  [230, 36.5],
  [235, 37.5],
  [240, 38],
  [245, 39],
  [250, 40],
  [255, 40.5],
  [260, 41],
  [265, 42],
  [270, 42.5],
  [275, 43],
  [280, 44],
  [285, 44.5],
  [290, 45],
  [295, 45.5],
  [300, 46],
  [305, 47],
  [310, 47.5],
  [315, 48],
  [320, 48.5],
]);

function mondopoint(mm: number): number {
  // The epsilon keeps an exact step (260.0000001 from floating point) on its own step.
  return Math.ceil(mm / 5 - 1e-9) * 5;
}

function fromMm(mm: number): ShoeSize | null {
  const step = mondopoint(mm);
  const cn = CN_BY_MM.get(step);
  return cn === undefined ? null : { cn: formatNumber(cn, 1), mm: step };
}

/**
 * The Chinese (EU-style) shoe size and the foot length in mm; null outside 220–320 mm or for sizes
 * that are not on the system's grid (US/UK half sizes, JP 0.5 cm). JP sizes are foot lengths in cm.
 */
export function toChineseShoeSize(system: ShoeSystem, size: number): ShoeSize | null {
  if (!Number.isFinite(size) || size <= 0) return null;
  if (system === "JP") return Number.isInteger(size * 2) ? fromMm(size * 10) : null;
  if (system === "EU") {
    // EU numbers are what China prints already; the length is the row that carries the number.
    let best: [number, number] | undefined;
    for (const [mm, cn] of CN_BY_MM) {
      if (!best || Math.abs(cn - size) < Math.abs(best[1] - size)) best = [mm, cn];
    }
    return best && Math.abs(best[1] - size) <= 0.5 ? { cn: formatNumber(Math.round(size * 2) / 2, 1), mm: best[0] } : null;
  }
  return Number.isInteger(size * 2) ? fromMm(FOOT_INCHES[system](size) * 25.4) : null;
}

type Letter = "XXS" | "XS" | "S" | "M" | "L" | "XL" | "XXL" | "3XL" | "4XL";

// GB/T 1335.1 (men) and 1335.2 (women) 号型 for TOPS: height/chest in cm, body type A (regular).
// Unisex follows the men's table, as unisex cuts are men's patterns.
const HAO_XING: Readonly<Record<"men" | "women", Readonly<Record<Letter, string>>>> = {
  men: {
    XXS: "155/76A",
    XS: "160/80A",
    S: "165/84A",
    M: "170/88A",
    L: "175/92A",
    XL: "180/96A",
    XXL: "185/100A",
    "3XL": "190/104A",
    "4XL": "195/108A",
  },
  women: {
    XXS: "145/72A",
    XS: "150/76A",
    S: "155/80A",
    M: "160/84A",
    L: "165/88A",
    XL: "170/92A",
    XXL: "175/96A",
    "3XL": "180/100A",
    "4XL": "185/104A",
  },
};

const LETTER_ALIASES: Readonly<Record<string, Letter>> = {
  XXS: "XXS",
  "2XS": "XXS",
  XS: "XS",
  S: "S",
  M: "M",
  L: "L",
  XL: "XL",
  XXL: "XXL",
  "2XL": "XXL",
  XXXL: "3XL",
  "3XL": "3XL",
  XXXXL: "4XL",
  "4XL": "4XL",
};

// Women's numeric sizes: US 0–16 and EU (DE/FR cut) 32–48, both even only; the ranges do not overlap.
const US_WOMEN: Readonly<Record<number, Letter>> = { 0: "XXS", 2: "XS", 4: "S", 6: "S", 8: "M", 10: "M", 12: "L", 14: "L", 16: "XL" };
const EU_WOMEN: Readonly<Record<number, Letter>> = {
  32: "XXS",
  34: "XS",
  36: "S",
  38: "M",
  40: "L",
  42: "XL",
  44: "XXL",
  46: "3XL",
  48: "4XL",
};

function letterOf(size: string, fit: Fit): Letter | null {
  const text = size.trim().toUpperCase();
  const letter = LETTER_ALIASES[text];
  if (letter) return letter;
  if (fit !== "women" || !/^\d{1,2}$/.test(text)) return null;
  const number = Number(text);
  return US_WOMEN[number] ?? EU_WOMEN[number] ?? null;
}

function haoXing(letter: Letter, fit: Fit): string {
  return HAO_XING[fit === "women" ? "women" : "men"][letter];
}

/**
 * A letter size (XS–4XL) or a women's numeric size (US 0–16, EU 32–48) as the Chinese top size with
 * its 号型: "M", "men" → "M（170/88A）"; "38", "women" → "M（160/84A）". Null when unknown.
 */
export function toChineseClothingSize(size: string, fit: Fit): string | null {
  const letter = letterOf(size, fit);
  return letter ? `${letter}（${haoXing(letter, fit)}）` : null;
}

/**
 * What the variants are sizes of. Unknown: letters are clothing sizes and "US 9" a shoe size;
 * "other" (a ring, a watch): no size table at all.
 */
export type VariantContext = { fit?: Fit; category?: "footwear" | "clothing" | "other" };

const SYSTEM_SIZE = /^(US|UK|EU|EUR|JP)\s*(M|W|Men'?s|Women'?s)?\s*(\d{1,2}(?:[.,]\d)?)$/i;

function shoeSystem(prefix: string, gender: string | undefined, fit: Fit): ShoeSystem {
  const upper = prefix.toUpperCase();
  if (upper === "UK") return "UK";
  if (upper === "EU" || upper === "EUR") return "EU";
  if (upper === "JP") return "JP";
  const women = gender ? /^w/i.test(gender) : fit === "women";
  return women ? "US_W" : "US_M";
}

function localizePart(part: string, context: VariantContext): string {
  const fit = context.fit ?? "unisex";
  const text = part.trim();
  if (text === "") return part;

  const sized = context.category !== "other";
  const letter = sized && context.category !== "footwear" ? LETTER_ALIASES[text.toUpperCase()] : undefined;
  if (letter) return `${text}（${haoXing(letter, fit)}）`;

  const system = sized ? SYSTEM_SIZE.exec(text) : null;
  if (system) {
    const [, prefix = "", gender, number = ""] = system;
    const value = parseNumber(number);
    if (context.category === "clothing") {
      // On clothing, "US 8" and "EU 38" are women's dress sizes, not shoes.
      const clothing = fit === "women" ? letterOf(String(value), fit) : null;
      return clothing ? `${text}（中国码 ${clothing}，${haoXing(clothing, fit)}）` : text;
    }
    const shoe = toChineseShoeSize(shoeSystem(prefix, gender, fit), value);
    return shoe ? `${text}（中国码 ${shoe.cn}）` : text;
  }

  if (context.category === "footwear") {
    // Japanese and Korean stores label shoes by foot length: "26.5cm", "265mm".
    const length = /^(\d{2}(?:[.,]\d)?)\s*cm$|^(\d{3})\s*mm$/i.exec(text);
    const cm = length?.[1] ? parseNumber(length[1]) : length?.[2] ? Number(length[2]) / 10 : undefined;
    const shoe = cm === undefined ? null : toChineseShoeSize("JP", cm);
    if (shoe) return `${metricizeText(text)}（中国码 ${shoe.cn}）`;
  }

  if (context.category === "clothing" && fit === "women" && /^\d{1,2}$/.test(text)) {
    const clothing = letterOf(text, fit);
    if (clothing) return `${text}（中国码 ${clothing}，${haoXing(clothing, fit)}）`;
  }

  const drafted = draftTitle(text).zh;
  return drafted === text ? part : drafted;
}

/**
 * A variant title part by part ("Black / M" → "黑色 / M（170/88A）", "US 9" → "US 9（中国码 42）",
 * "Navy / 32W x 32L" → "海军蓝 / 腰围 32 英寸（81.3 厘米）× …"); other parts are drafted like a title
 * ("Lederband braun" → "棕色真皮表带"), and parts it cannot read stay as written.
 */
export function localizeVariantTitle(title: string, context: VariantContext = {}): string {
  return title
    .split(/\s+\/\s+|\s*\/(?!\d)|(?<!\d)\/\s*/)
    .map((part) => localizePart(part, context))
    .join(" / ");
}
