import { TRADITIONAL_TO_SIMPLIFIED } from "./trad-simp";

// The one normal form of searchable text, applied to listings when they are indexed and to the query
// when it is read, so that what a shopper types and what a store wrote meet whatever the keyboard:
// full-width letters (ＵＳＢ), letter case, accents (Kopfhörer, crème), Traditional characters (耳機),
// apostrophes (men's / mens) and punctuation between words.

export const CJK_CHAR = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}ー]/u;
const LATIN_MARKS = /[\u0300-\u036f]/g;
const APOSTROPHE_IN_WORD = /(?<=[\p{L}\p{N}])['’`´](?=[\p{L}])/gu;
const NOT_WORD = /[^\p{L}\p{N}\p{M}]+/gu;

/** Lower-case, half-width, unaccented, Simplified; anything that is not a letter or digit is a space. */
export function normalizeText(text: string): string {
  const compatible = text.normalize("NFKC").toLowerCase().replaceAll("ß", "ss");
  // Only Latin combining marks go: NFD also splits Japanese voiced kana (ガ = カ + ゛) and Hangul
  // syllables, which NFC puts back together.
  const unaccented = compatible.normalize("NFD").replace(LATIN_MARKS, "").normalize("NFC");
  let simplified = "";
  for (const char of unaccented) simplified += TRADITIONAL_TO_SIMPLIFIED.get(char) ?? char;
  return simplified.replace(APOSTROPHE_IN_WORD, "").replace(NOT_WORD, " ").trim();
}

/**
 * English plurals and their singulars meet (headphones / headphone, watches / watch, batteries /
 * battery). Deliberately small: a word of three letters or fewer, or with a digit, is left alone.
 */
export function stemWord(word: string): string {
  if (word.length <= 3 || /\d/.test(word) || !/^[a-z]+$/.test(word)) return word;
  if (word.endsWith("ies") && word.length > 4) return `${word.slice(0, -3)}y`;
  if (/(?:ches|shes|sses|xes|zes)$/.test(word)) return word.slice(0, -2);
  if (word.endsWith("s") && !/(?:ss|us|is)$/.test(word)) return word.slice(0, -1);
  return word;
}

export type TextRun = { kind: "word" | "cjk"; text: string };

/**
 * A normalized text as runs: Latin (or other alphabetic) words with digits, and runs of CJK characters.
 * A script change is a boundary even without a space ("iphone手机壳" = "iphone 手机壳"). With
 * `joinCjk`, CJK characters separated only by spaces form one run ("降噪 耳机" reads as "降噪耳机"),
 * which is how listings are indexed; queries keep their spaces, which separate the shopper's words.
 */
export function textRuns(normalized: string, { joinCjk }: { joinCjk: boolean }): TextRun[] {
  const runs: TextRun[] = [];
  let current: TextRun | undefined;
  let pendingSpace = false;
  for (const char of normalized) {
    if (char === " ") {
      pendingSpace = true;
      continue;
    }
    const kind = CJK_CHAR.test(char) ? "cjk" : "word";
    const continues = current && current.kind === kind && (!pendingSpace || (kind === "cjk" && joinCjk));
    if (current && continues) {
      current.text += char;
    } else {
      current = { kind, text: char };
      runs.push(current);
    }
    pendingSpace = false;
  }
  return runs;
}

/** Overlapping pairs of a CJK run ("降噪耳机" → 降噪 噪耳 耳机); one character stays one. */
export function cjkBigrams(run: string): string[] {
  const chars = [...run];
  if (chars.length === 1) return chars;
  const pairs: string[] = [];
  for (let index = 0; index + 1 < chars.length; index += 1) pairs.push(`${chars[index]}${chars[index + 1]}`);
  return pairs;
}
