// Size tables. Shoes go through foot length in millimetres (mondopoint): China labels shoes with the
// EU-style number that corresponds to that length, so US, UK, EU and JP sizes all meet there.
const US_MEN_MM: Record<string, number> = { "6": 240, "6.5": 245, "7": 250, "7.5": 255, "8": 260, "8.5": 265, "9": 270, "9.5": 275, "10": 280, "10.5": 285, "11": 290, "11.5": 295, "12": 300, "13": 310 };
const US_WOMEN_MM: Record<string, number> = { "5": 220, "5.5": 225, "6": 230, "6.5": 235, "7": 240, "7.5": 245, "8": 250, "8.5": 255, "9": 260, "9.5": 265, "10": 270, "11": 280 };
const UK_MM: Record<string, number> = { "4": 230, "5": 240, "5.5": 245, "6": 250, "6.5": 255, "7": 260, "7.5": 265, "8": 270, "8.5": 275, "9": 280, "9.5": 285, "10": 290, "11": 300, "12": 310 };
const EU_MM: Record<string, number> = { "35": 225, "36": 230, "37": 235, "38": 240, "39": 245, "40": 250, "41": 255, "42": 260, "43": 265, "44": 270, "45": 275, "46": 280, "47": 290 };
const CN_BY_MM: [number, string][] = Object.entries(EU_MM).map(([eu, mm]) => [mm, eu]);

export type ShoeSystem = "US_M" | "US_W" | "UK" | "EU" | "JP";

export function toChineseShoeSize(system: ShoeSystem, size: number): { cn: string; mm: number } | null {
  const key = String(size);
  const mm = system === "JP" ? (size >= 20 && size <= 32 ? Math.round(size * 10) : undefined) : { US_M: US_MEN_MM, US_W: US_WOMEN_MM, UK: UK_MM, EU: EU_MM }[system][key];
  if (!mm) return null;
  const nearest = CN_BY_MM.reduce((best, candidate) => (Math.abs(candidate[0] - mm) < Math.abs(best[0] - mm) ? candidate : best));
  if (Math.abs(nearest[0] - mm) > 7) return null;
  return { cn: nearest[1], mm };
}

// GB/T 1335 号型: height/chest (tops), with the A body type.
const MEN_TOPS: Record<string, string> = { XS: "160/80A", S: "165/84A", M: "170/88A", L: "175/92A", XL: "180/96A", XXL: "185/100A", "2XL": "185/100A" };
const WOMEN_TOPS: Record<string, string> = { XS: "150/76A", S: "155/80A", M: "160/84A", L: "165/88A", XL: "170/92A", XXL: "175/96A", "2XL": "175/96A" };

export function toChineseClothingSize(size: string, fit: "men" | "women" | "unisex"): string | null {
  const key = size.trim().toUpperCase();
  const table = fit === "women" ? WOMEN_TOPS : MEN_TOPS;
  const code = table[key];
  return code ? `${key}（${code}）` : null;
}
