// Which kind draws each listing, in which colours and with which words on it. Colours follow the first variant.

import { garmentSteamer, kettle, milkFrother, riceCooker, stickVacuum } from "./kinds/appliances";
import { chargingStand, earbuds, headphones, lens, speaker } from "./kinds/electronics";
import { bottle, cushionCompact } from "./kinds/cosmetics";
import { garment } from "./kinds/clothing";
import { book, comicSet } from "./kinds/books";
import { blindBox, miniCar, shuttleSet, teddyBear, woodenTrain } from "./kinds/toys";
import { campingChair, shoe, trekkingPoles, yogaMat } from "./kinds/sports";
import { supplementJar, teaPowderPouch, teaTin } from "./kinds/food";
import { watch } from "./kinds/watches";
import { charmBracelet, necklace, pearlStuds, signetRing } from "./kinds/jewelry";
import type { Kind, Look } from "./types";

type Illustration = { kind: Kind; look: Look };

const look = (main: string, accent: string, label: string, sub?: string): Look =>
  sub ? { main, accent, label, sub } : { main, accent, label };

const table: Record<string, Illustration> = {
  "wireless-anc-headphones-wh-900": { kind: headphones, look: look("#1f2937", "#94a3b8", "WH-900", "ANC · 40 h") },
  "prime-lens-50mm-f18": { kind: lens, look: look("#18181b", "#dc2626", "50mm F1.8", "FULL FRAME") },
  "kabellose-ladestation-3in1": { kind: chargingStand, look: look("#27272a", "#38bdf8", "15W 3-in-1", "FALTBAR") },
  "wireless-earbuds-airfit-pro-2": { kind: earbuds, look: look("#f8fafc", "#22c55e", "AirFit Pro 2", "ANC") },
  "portable-speaker-boom-mini": { kind: speaker, look: look("#475569", "#f97316", "BOOM", "IP67") },

  "merino-wool-crew-sweater": {
    kind: garment({ sleeves: "long", hem: 440, neck: "crew", knit: true }),
    look: look("#1e3a5f", "#fbbf24", "MERINO", "100% WOOL"),
  },
  "waxed-cotton-field-jacket": {
    kind: garment({ sleeves: "long", hem: 470, neck: "collar", opening: "buttons", pockets: "flaps" }),
    look: look("#4d5b2a", "#b08d57", "FIELD", "WAXED"),
  },
  "cotton-pocket-tee": {
    kind: garment({ sleeves: "short", hem: 440, neck: "crew", pockets: "chest" }),
    look: look("#f8fafc", "#1e3a8a", "COTTON", "MADE IN JP"),
  },
  "damen-lodenmantel": {
    kind: garment({ sleeves: "long", hem: 530, neck: "collar", opening: "buttons", belt: true }),
    look: look("#1f3d2b", "#a16207", "LODEN", "WOLLE"),
  },
  "overfit-hood-zipup": {
    kind: garment({ sleeves: "long", hem: 450, neck: "hood", opening: "zip", pockets: "kangaroo", knit: true }),
    look: look("#9ca3af", "#111827", "OVERFIT", "FLEECE"),
  },

  "trail-running-shoes-ridge-5": { kind: shoe(true), look: look("#0f766e", "#f59e0b", "RIDGE 5", "TRAIL") },
  "running-shoes-light-racer": { kind: shoe(false), look: look("#2563eb", "#f43f5e", "RACER 3E", "WIDE") },
  "trekkingstoecke-carbon": { kind: trekkingPoles, look: look("#1f2937", "#84cc16", "CARBON", "FALTBAR") },
  "natural-rubber-yoga-mat-6mm": { kind: yogaMat, look: look("#9cae8f", "#57534e", "NATURAL", "6 mm") },
  "ultralight-camping-chair": { kind: campingChair, look: look("#1f2937", "#f97316", "ULTRALIGHT", "ALU FRAME") },

  "overnight-recovery-serum": { kind: bottle("dropper"), look: look("#4c1d95", "#c8a25a", "RECOVERY", "NIGHT SERUM") },
  "snail-mucin-essence-100ml": { kind: bottle("essence"), look: look("#e0f2fe", "#0e7490", "SNAIL 96", "100 ml") },
  "cushion-compact-spf50": { kind: cushionCompact, look: look("#1c1917", "#f3d2bc", "COVER CUSHION", "SPF50+") },
  "uv-milk-spf50": { kind: bottle("milk"), look: look("#facc15", "#0369a1", "UV MILK", "SPF50+") },
  "hyaluron-feuchtigkeitscreme": { kind: bottle("jar"), look: look("#ffffff", "#0ea5e9", "HYALURON", "50 ml") },
  "english-orchard-eau-de-parfum": { kind: bottle("perfume"), look: look("#8aa05a", "#b45309", "ORCHARD", "EDP") },

  "diecast-minicar-classic-sports": { kind: miniCar, look: look("#dc2626", "#1d4ed8", "64", "1:64") },
  "space-shuttle-building-set": { kind: shuttleSet, look: look("#1d4ed8", "#f97316", "EXPLORER", "1204 PCS") },
  "holzeisenbahn-starter-set": { kind: woodenTrain, look: look("#b91c1c", "#facc15", "40", "BUCHE") },
  "classic-plush-teddy-bear-30cm": { kind: teddyBear, look: look("#d19a4a", "#b91c1c", "CLASSIC", "30 cm") },
  "character-figure-blind-box": { kind: blindBox, look: look("#8b5cf6", "#f472b6", "MINI FIGURE", "× 12") },

  "umibe-library-comic-set-1-10": { kind: comicSet, look: look("#0e7490", "#fbbf24", "UMIBE 1–10") },
  "watercolor-technique-encyclopedia": { kind: book("paint"), look: look("#fef3c7", "#0ea5e9", "WATERCOLOR", "TECHNIQUES") },
  "art-of-clean-code-2nd-edition": { kind: book("code"), look: look("#1e293b", "#22d3ee", "CLEAN CODE", "2nd Edition") },
  "deutsch-lehrbuch-a1": { kind: book("flag"), look: look("#0369a1", "#fde047", "DEUTSCH", "Kursbuch") },
  "illustrated-atlas-british-gardens": { kind: book("garden"), look: look("#14532d", "#f59e0b", "GARDENS", "An Illustrated Atlas") },
  "topik-essential-vocabulary": { kind: book("cards"), look: look("#be123c", "#fde68a", "TOPIK", "Vocabulary") },

  "additive-free-matcha-powder-100g": { kind: teaPowderPouch, look: look("#166534", "#84cc16", "UJI MATCHA", "100 g") },
  "6-year-red-ginseng-extract-240g": { kind: supplementJar("paste", false), look: look("#451a03", "#d4a017", "RED GINSENG", "240 g") },
  "omega-3-fischoel-kapseln": { kind: supplementJar("capsules", false), look: look("#0c4a6e", "#f59e0b", "OMEGA-3", "120 caps") },
  "adult-multivitamin-gummies": { kind: supplementJar("gummies", true), look: look("#9d174d", "#ec4899", "MULTI", "150 gummies") },
  "english-breakfast-tea-80-bags": { kind: teaTin, look: look("#7f1d1d", "#d4a017", "BREAKFAST", "80 TEA BAGS") },

  "wasserkocher-edelstahl-17l": { kind: kettle, look: look("#cbd5e1", "#0ea5e9", "1.7 L", "40–100 °C") },
  "ih-rice-cooker-55go": { kind: riceCooker, look: look("#f8fafc", "#ea580c", "5.5", "IH") },
  "handheld-garment-steamer": { kind: garmentSteamer, look: look("#e2e8f0", "#6366f1", "1500W", "15 s") },
  "cordless-stick-vacuum-v9": { kind: stickVacuum, look: look("#6b7280", "#a855f7", "V9", "60 MIN") },
  "electric-milk-frother": { kind: milkFrother, look: look("#1f2937", "#f59e0b", "FROTH", "HOT · COLD") },

  "tidewater-automatic-diver-200m": {
    kind: watch({ metal: "#d1d5db", strap: "bracelet", strapColour: "#cbd5e1", numerals: "index", diverBezel: true }),
    look: look("#111827", "#f97316", "TIDEWATER", "200 m"),
  },
  "trailhead-field-watch-38mm": {
    kind: watch({ metal: "#a8a29e", strap: "canvas", strapColour: "#4d5b2a", numerals: "arabic" }),
    look: look("#1c1917", "#facc15", "TRAILHEAD", "38 mm"),
  },
  "solar-radio-titanium-watch": {
    kind: watch({ metal: "#9ca3af", strap: "bracelet", strapColour: "#a1a1aa", numerals: "index" }),
    look: look("#0f172a", "#38bdf8", "SOLAR", "RADIO"),
  },
  "fliegeruhr-automatik-42mm": {
    kind: watch({ metal: "#e5e7eb", strap: "leather", strapColour: "#7c4a1e", numerals: "pilot" }),
    look: look("#18181b", "#e5e7eb", "B-UHR", "42 mm"),
  },
  "classic-dress-watch-40mm": {
    kind: watch({ metal: "#e5e7eb", strap: "leather", strapColour: "#111827", numerals: "roman" }),
    look: look("#f8fafc", "#1e3a8a", "LONDON", "40 mm"),
  },

  "engraved-bar-necklace-sterling": { kind: necklace("bar"), look: look("#c0c4cc", "#9ca3af", "ALWAYS", "925") },
  "custom-engraved-signet-ring-14k": { kind: signetRing, look: look("#d4a017", "#b45309", "JM", "14K GOLD") },
  "freshwater-pearl-stud-earrings": { kind: pearlStuds, look: look("#d4a017", "#fdf4e3", "7 mm", "9ct GOLD") },
  "silver-925-layered-necklace": { kind: necklace("layered"), look: look("#b8bcc4", "#67e8f9", "925 LAYERED") },
  "bettelarmband-silber-925": { kind: charmBracelet, look: look("#b8bcc4", "#f472b6", "925", "3 CHARMS") },
  "akoya-pearl-necklace-7mm": { kind: necklace("pearls"), look: look("#e5e7eb", "#f3e9d8", "AKOYA", "7.0–7.5 mm") },
};

export function illustrationOf(handle: string): Illustration {
  const found = table[handle];
  if (!found) throw new Error(`no illustration for listing ${handle}: add it to prisma/seed-data/illustrations/products.ts`);
  return found;
}
