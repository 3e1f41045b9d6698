import { findTerms, type GlossaryEntry } from "./glossary";
import { TERM_GROUPS } from "./glossary-terms";

// English mode shows an English title: the store's own when it wrote one in English, otherwise a draft made
// from the glossary (each known term's English spelling, numbers and measures as written), marked as
// machine-made. A word the glossary does not know stays as written and marks the draft partial.

export type EnglishTitle = { text: string; machine: boolean; partial: boolean };

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

// The glossary lists a term's English spelling first; these few groups have none, so they get one here.
const ENGLISH_OVERRIDES: Readonly<Record<string, string>> = {
  커버: "cover",
  図鑑: "illustrated guide",
  도감: "illustrated guide",
  종: "kinds",
  種類: "kinds",
  種: "kinds",
  巻: "volumes",
  권: "volumes",
  冊: "books",
};

const ENGLISH: ReadonlyMap<string, string> = new Map(
  TERM_GROUPS.flatMap(({ pairs }) =>
    Object.keys(pairs).flatMap((key) => {
      const spellings = key.split("|");
      const first = spellings[0] ?? "";
      return spellings.map(
        (spelling) => [spelling.toLowerCase(), ENGLISH_OVERRIDES[spelling] ?? (CJK.test(first) ? spelling : first)] as const,
      );
    }),
  ),
);

// Words that are common in titles but carry no Chinese term of their own (so they are not in the glossary),
// for the English draft only. Longest first when applied.
const ENGLISH_ONLY: Readonly<Record<string, string>> = {
  파워: "power",
  본품: "main item",
  캐릭터: "character",
  필수: "essential",
  어휘: "vocabulary",
  년근: "-year-root",
  図書館: "library",
  海辺: "seaside",
  画: "painting",
  大: "big",
  全: "complete ",
  宇治: "Uji",
  炊き: " cup",
  合: " go",
  ケース: "case",
  花珠級: "hanadama grade",
  鑑別書付: "with certificate",
  鑑別書: "certificate",
};
const ENGLISH_ONLY_PATTERN = new RegExp(
  Object.keys(ENGLISH_ONLY)
    .sort((a, b) => b.length - a.length)
    .join("|"),
  "gu",
);

// German and Japanese glue words between terms, in English (or dropped).
const GLUE: Readonly<Record<string, string>> = {
  für: "for",
  mit: "with",
  und: "and",
  oder: "or",
  aus: "of",
  von: "by",
  stück: "pieces",
  drei: "three",
  の: " ",
  用: " ",
  対応: " ",
  付き: " with",
};
const GLUE_PATTERN = new RegExp(
  `(?<![\\p{L}])(${Object.keys(GLUE)
    .filter((word) => !CJK.test(word))
    .join("|")})(?![\\p{L}])|${Object.keys(GLUE)
    .filter((word) => CJK.test(word))
    .join("|")}`,
  "giu",
);
const BRACKETS: Readonly<Record<string, string>> = {
  "【": "[",
  "】": "] ",
  "「": "“",
  "」": "”",
  "『": "“",
  "』": "”",
  "・": " ",
  "、": ", ",
  "。": ". ",
};

function englishOf(entry: GlossaryEntry): string {
  return ENGLISH.get(entry.term.toLowerCase()) ?? entry.term;
}

function cleanGap(gap: string): string {
  const words = gap.replace(ENGLISH_ONLY_PATTERN, (word) => ` ${ENGLISH_ONLY[word] ?? word} `);
  return [...words.replace(GLUE_PATTERN, (word) => GLUE[word.toLowerCase()] ?? word)].map((char) => BRACKETS[char] ?? char).join("");
}

// Stores in these countries write English: their titles are shown as written. Elsewhere a Latin-script title
// (German, French…) is drafted when the glossary knows some of its words; without a country, German's own
// letters and glue words tell.
const ENGLISH_COUNTRIES = new Set(["US", "GB", "UK", "AU", "CA", "NZ", "IE"]);
const GERMAN_LETTERS = /[äöüß]/i;

export function englishTitle(original: string, storeCountry?: string): EnglishTitle {
  const text = original.normalize("NFKC");
  const english = storeCountry !== undefined && ENGLISH_COUNTRIES.has(storeCountry.toUpperCase());
  if (english && !CJK.test(text)) return { text: original, machine: false, partial: false };
  let out = "";
  let last = 0;
  let foreign = CJK.test(text) || GERMAN_LETTERS.test(text);
  for (const match of findTerms(text)) {
    const english = englishOf(match.entry);
    if (storeCountry !== undefined && english.toLowerCase() !== match.source.toLowerCase()) foreign = true;
    // A term glued to its neighbours in CJK text ("綿100%", "5.5合") gets spaces around its English.
    out += `${cleanGap(text.slice(last, match.start))} ${english} `;
    last = match.end;
  }
  out += cleanGap(text.slice(last));
  if (GLUE_PATTERN.test(text)) foreign = true;
  GLUE_PATTERN.lastIndex = 0;
  if (!foreign) return { text: original, machine: false, partial: false };
  const draft = out
    .replace(/\s+([,.)\]”])|\s+(?=-year)/g, "$1")
    .replace(/([([“])\s+/g, "$1")
    .replace(/\s+/g, " ")
    .trim();
  // Sentence case: the first letter, even behind a bracket ("[Made in Japan] …").
  const cased = draft.replace(/\p{Ll}/u, (letter) => letter.toUpperCase());
  return { text: cased, machine: true, partial: CJK.test(draft) };
}

export type ShownTitle = { text: string; lang: string; machine: boolean; original: boolean };
type TitledListing = { title: string; titleZh: string; localizationStatus: string };

/** The title a shopper reads: Chinese once reviewed, in English mode the English title (or its draft). */
export function shopperTitle(listing: TitledListing, locale: string, storeCountry?: string): ShownTitle {
  if (locale === "en") {
    const english = englishTitle(listing.title, storeCountry);
    return { text: english.text, lang: english.partial ? "und" : "en", machine: english.machine, original: !english.machine };
  }
  if (listing.localizationStatus === "REVIEWED") return { text: listing.titleZh, lang: "zh-CN", machine: false, original: false };
  return { text: listing.title, lang: "und", machine: false, original: true };
}

/**
 * The listing with the title its reader sees, for a loader to send. The glossary (hundreds of compiled
 * patterns) then runs on the server only: in the browser it cost a phone about half a second per page.
 */
export function withShownTitle<T extends TitledListing>(listing: T, locale: string, storeCountry?: string): T & { shown: ShownTitle } {
  return { ...listing, shown: shopperTitle(listing, locale, storeCountry) };
}
