import { CJK_CHAR, cjkBigrams, normalizeText, stemWord, textRuns } from "./normalize";
import { termKey, type Thesaurus } from "./thesaurus";
import { phraseTokens } from "./tokens";

// A query as the index reads it. The shopper's words become concepts; every concept must match
// (AND), each through any of its alternatives (OR): the word itself, its synonyms and translations,
// and the kinds of a general word. Ranking comes in tiers (catalog-search.server.ts):
//   1. the whole query as one phrase in a title,
//   2. every concept in a title,
//   3. every concept anywhere (variants, category, store, description),
// and within a tier available listings first, then newest first.

/** A phrase of index tokens, or a single CJK character matched against the titles' characters. */
export type Alternative = { tokens: readonly string[] } | { char: string };
/**
 * A word of the query. `parts`: a known compound (降噪耳机) also matches when its known words all
 * match apart (降噪 … 耳机 in "降噪耳塞式耳机"), not only as the one phrase its synonyms spell.
 */
export type Concept = { key: string; alternatives: readonly Alternative[]; parts?: readonly Concept[] };
export type SearchPlan = { phrase: readonly string[]; concepts: readonly Concept[] };

export const MAX_CONCEPTS = 8;
const MAX_LATIN_PHRASE = 4;
// A lone 的 or 和 between two words ("耳机和音箱") joins them; it is not something to find.
const FUNCTION_CHARS = new Set(["的", "和", "与", "及", "或", "之", "送", "带"]);

function alternativeOf(key: string): Alternative | undefined {
  const chars = [...key];
  if (chars.length === 1 && CJK_CHAR.test(key)) return { char: key };
  const tokens = key.split(" ").flatMap((part) => (CJK_CHAR.test(part) ? cjkBigrams(part) : [part]));
  return tokens.length > 0 ? { tokens } : undefined;
}

/**
 * An unspaced CJK run cut into words: the longest known word at each position, and what no word
 * covers in pairs (an odd last character pairs with the one before, so every piece is a bigram the
 * index holds: "美利奴" → 美利, 利奴). A lone unknown character stays one character.
 */
export function segmentCjk(run: string, thesaurus: Thesaurus): string[] {
  const chars = [...run];
  const pieces: string[] = [];
  let unknown: string[] = [];
  const flush = () => {
    const count = unknown.length;
    if (count === 1 && !FUNCTION_CHARS.has(unknown[0] ?? "")) pieces.push(unknown[0] ?? "");
    for (let index = 0; index + 1 < count; index += 2) pieces.push(`${unknown[index]}${unknown[index + 1]}`);
    if (count > 1 && count % 2 === 1) pieces.push(`${unknown[count - 2]}${unknown[count - 1]}`);
    unknown = [];
  };
  let index = 0;
  while (index < chars.length) {
    let taken = 0;
    for (let length = Math.min(thesaurus.longestCjkWord, chars.length - index); length >= 2; length -= 1) {
      if (thesaurus.cjkWords.has(chars.slice(index, index + length).join(""))) {
        taken = length;
        break;
      }
    }
    if (taken === 0) {
      unknown.push(chars[index] ?? "");
      index += 1;
      continue;
    }
    flush();
    pieces.push(chars.slice(index, index + taken).join(""));
    index += taken;
  }
  flush();
  return pieces;
}

/** A known compound as known words of two characters or more (降噪耳机 → 降噪, 耳机), or null. */
function knownParts(word: string, thesaurus: Thesaurus): string[] | null {
  const chars = [...word];
  const parts: string[] = [];
  let index = 0;
  while (index < chars.length) {
    let taken = 0;
    for (let length = Math.min(thesaurus.longestCjkWord, chars.length - index, chars.length - 1); length >= 2; length -= 1) {
      if (thesaurus.cjkWords.has(chars.slice(index, index + length).join(""))) {
        taken = length;
        break;
      }
    }
    if (taken === 0) return null;
    parts.push(chars.slice(index, index + taken).join(""));
    index += taken;
  }
  return parts.length >= 2 ? parts : null;
}

/** The query's units: Latin words (known multi-word terms joined: "rice cooker"), CJK words. */
function queryUnits(normalized: string, thesaurus: Thesaurus): string[] {
  const units: string[] = [];
  const runs = textRuns(normalized, { joinCjk: false });
  for (let index = 0; index < runs.length; index += 1) {
    const run = runs[index];
    if (!run) continue;
    if (run.kind === "cjk") {
      if (thesaurus.has(run.text)) units.push(run.text);
      else units.push(...segmentCjk(run.text, thesaurus));
      continue;
    }
    let taken = 1;
    for (let length = MAX_LATIN_PHRASE; length >= 2; length -= 1) {
      const words = runs.slice(index, index + length);
      if (words.length === length && words.every((word) => word.kind === "word")) {
        if (thesaurus.has(words.map((word) => stemWord(word.text)).join(" "))) {
          taken = length;
          break;
        }
      }
    }
    units.push(
      runs
        .slice(index, index + taken)
        .map((word) => stemWord(word.text))
        .join(" "),
    );
    index += taken - 1;
  }
  return units;
}

const containsRun = (tokens: readonly string[], run: readonly string[]) =>
  tokens.some((_, start) => run.every((token, offset) => tokens[start + offset] === token));

/**
 * Drops an alternative that matches only where a shorter one already does: 蓝牙耳机 (蓝牙 牙耳 耳机)
 * holds 耳机, ワイヤレスヘッドホン holds ヘッドホン. The matches stay the same and the index reads
 * fewer lists (a word and its kinds had 45 alternatives, many of them such supersets).
 */
function withoutCovered(alternatives: Alternative[]): Alternative[] {
  const phrases = alternatives.flatMap((alt) => ("tokens" in alt ? [alt.tokens] : []));
  return alternatives.filter(
    (alt) =>
      !("tokens" in alt) ||
      !phrases.some((other) => other !== alt.tokens && other.length < alt.tokens.length && containsRun(alt.tokens, other)),
  );
}

export function planQuery(q: string, thesaurus: Thesaurus): SearchPlan | null {
  const normalized = normalizeText(q);
  if (!normalized) return null;
  const concepts: Concept[] = [];
  const conceptOf = (key: string): Concept | null => {
    const alternatives = withoutCovered(thesaurus.expand(key).flatMap((word) => alternativeOf(word) ?? []));
    return alternatives.length > 0 ? { key, alternatives } : null;
  };
  for (const unit of queryUnits(normalized, thesaurus)) {
    const key = termKey(unit);
    if (!key || concepts.some((concept) => concept.key === key)) continue;
    const concept = conceptOf(key);
    if (!concept) continue;
    const parts =
      CJK_CHAR.test(key) && !key.includes(" ") ? knownParts(key, thesaurus)?.flatMap((part) => conceptOf(part) ?? []) : undefined;
    concepts.push(parts && parts.length >= 2 ? { ...concept, parts } : concept);
    if (concepts.length === MAX_CONCEPTS) break;
  }
  if (concepts.length === 0) return null;
  return { phrase: phraseTokens(normalized).slice(0, 16), concepts };
}
