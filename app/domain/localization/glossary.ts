import { TERM_GROUPS, type TermKind, type TermTag } from "./glossary-terms";

export type { TermKind, TermTag } from "./glossary-terms";

export type GlossaryEntry = { term: string; zh: string; kind: TermKind; tag?: TermTag };

/** One glossary hit in a text: `source` is the text as written, [start, end) its position. */
export type TermMatch = { start: number; end: number; source: string; entry: GlossaryEntry };

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

export const GLOSSARY: readonly GlossaryEntry[] = TERM_GROUPS.flatMap(({ kind, tag, pairs }) =>
  Object.entries(pairs).flatMap(([spellings, zh]) =>
    spellings.split("|").map((term): GlossaryEntry => (tag ? { term, zh, kind, tag } : { term, zh, kind })),
  ),
);

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function patternOf(entry: GlossaryEntry): RegExp {
  const latin = !CJK.test(entry.term);
  // Shops write "noise-cancelling", "noise cancelling" and "noisecancelling"; "men's" with a curly
  // apostrophe too (spellings without one, like "mens", are listed as such).
  const body = [...entry.term.toLowerCase()]
    .map((char) => (char === " " || char === "-" ? "[\\s\\-‐]*" : char === "'" ? "['’]" : escape(char)))
    .join("");
  // A count word only counts after a number: "1개", not the 개 inside 개선.
  const before = entry.kind === "count" ? "(?<=\\p{N}\\s*)" : latin ? "(?<![\\p{Script=Latin}\\p{N}])" : "";
  // Plain English plurals ("watches", "sneakers") without listing every one.
  const plural = latin && entry.kind === "noun" ? "(?:e?s)?" : "";
  const after = latin ? "(?![\\p{Script=Latin}\\p{N}])" : "";
  return new RegExp(`${before}${body}${plural}${after}`, "iuy");
}

type Compiled = { entry: GlossaryEntry; pattern: RegExp; length: number };

// Bucketed by first character, longest term first, so the first hit at a position is the longest
// ("noise cancelling headphones" before "headphones"); ties go alphabetically for determinism.
const BUCKETS: ReadonlyMap<string, readonly Compiled[]> = (() => {
  const buckets = new Map<string, Compiled[]>();
  for (const entry of GLOSSARY) {
    const key = entry.term.charAt(0).toLowerCase();
    const list = buckets.get(key) ?? [];
    list.push({ entry, pattern: patternOf(entry), length: entry.term.length });
    buckets.set(key, list);
  }
  for (const list of buckets.values()) {
    list.sort((a, b) => b.length - a.length || (a.entry.term < b.entry.term ? -1 : a.entry.term > b.entry.term ? 1 : 0));
  }
  return buckets;
})();

function matchAt(text: string, index: number): TermMatch | undefined {
  const candidates = BUCKETS.get(text.charAt(index).toLowerCase());
  if (!candidates) return undefined;
  for (const { entry, pattern } of candidates) {
    pattern.lastIndex = index;
    const found = pattern.exec(text);
    if (found) return { start: index, end: index + found[0].length, source: found[0], entry };
  }
  return undefined;
}

/** Every glossary term in `text`, left to right, never overlapping, the longest at each position. */
export function findTerms(text: string): TermMatch[] {
  const matches: TermMatch[] = [];
  let index = 0;
  while (index < text.length) {
    const match = matchAt(text, index);
    if (match && match.end > index) {
      matches.push(match);
      index = match.end;
    } else {
      index += 1;
    }
  }
  return matches;
}

/** The entry for a whole term ("Navy", "noise-cancelling", "ブラック"), or undefined. */
export function lookupTerm(term: string): GlossaryEntry | undefined {
  const trimmed = term.trim();
  const match = trimmed === "" ? undefined : matchAt(trimmed, 0);
  return match && match.end === trimmed.length ? match.entry : undefined;
}

/** Every known term in `text` replaced in place by its Chinese; everything else as written. */
export function translateTerms(text: string): string {
  let out = "";
  let last = 0;
  for (const match of findTerms(text)) {
    out += text.slice(last, match.start) + match.entry.zh;
    last = match.end;
  }
  return out + text.slice(last);
}
