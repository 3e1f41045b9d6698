import { findTerms, type GlossaryEntry, type TermKind, type TermTag } from "./glossary";
import { findMeasures, metricizeText } from "./units";

/** A drafted title and how much of it the glossary knew. */
export type TitleDraft = { zh: string; knownWords: number; totalWords: number; tags: TermTag[]; kinds: TermKind[] };

type Item =
  | { type: "term"; entry: GlossaryEntry; source: string; zh: string }
  | { type: "suffix"; zh: string }
  | { type: "token"; kind: "percent" | "number" | "code" | "brand" | "word" | "stop"; text: string };

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

// Glue words: dropped next to a translated term ("Kettle with …"), kept inside a name nobody
// translated ("The Art of Clean Code", "Deutsch für Anfänger").
const STOP_WORDS = new Set([
  "a",
  "an",
  "the",
  "and",
  "or",
  "with",
  "for",
  "of",
  "in",
  "on",
  "by",
  "to",
  "from",
  "at",
  "&",
  "+",
  "mit",
  "für",
  "und",
  "oder",
  "aus",
  "von",
  "der",
  "die",
  "das",
  "den",
  "dem",
  "des",
  "ein",
  "eine",
  "im",
  "zum",
  "zur",
  "の",
  "用",
  "対応",
  "付き",
  "付",
  "入り",
  "全",
  "및",
]);

// Chinese title order: who it is for, colour, material, features, then the product noun.
const RANK: Readonly<Record<TermKind, number>> = { audience: 0, colour: 1, material: 2, attribute: 3, noun: 4, count: 5 };

// A comma between digits is a thousands or decimal separator ("1,204", "1,7"), not a break.
const SEPARATORS = /(?:[\s;:!?()（）【】[\]「」『』《》〈〉|、，。・"“”]|(?<!\d),|,(?!\d))+/u;

function classify(token: string, vendorWords: ReadonlySet<string>): Item {
  const lower = token.toLowerCase();
  if (STOP_WORDS.has(lower)) return { type: "token", kind: "stop", text: token };
  if (/^\d+(?:[.,]\d+)?%$/.test(token)) return { type: "token", kind: "percent", text: token };
  if (/^[\d.,:/×x–-]*\d[\d.,:/×x–-]*$/.test(token)) return { type: "token", kind: "number", text: token };
  if (vendorWords.has(lower)) return { type: "token", kind: "brand", text: token };
  // Model numbers and brand marks: WH-900, V9, F1.8, SPF50+, IH, TOPIK.
  const mixed = /\p{N}/u.test(token) && /\p{L}/u.test(token);
  if (mixed || /^[A-Z][A-Z0-9+\-.]+$/.test(token)) return { type: "token", kind: "code", text: token };
  return { type: "token", kind: "word", text: token };
}

function wordCount(source: string): number {
  return CJK.test(source) ? 1 : source.split(/[\s-]+/).filter(Boolean).length;
}

function itemsOf(text: string, vendorWords: ReadonlySet<string>): Item[] {
  const measures = findMeasures(text);
  const terms = findTerms(text).filter((term) => !measures.some((m) => term.start < m.end && m.start < term.end));
  const spans = [
    ...measures.map((m) => ({ start: m.start, end: m.end, item: { type: "suffix", zh: m.zh } as Item })),
    ...terms.map((t) => ({ start: t.start, end: t.end, item: { type: "term", entry: t.entry, source: t.source, zh: t.entry.zh } as Item })),
  ].sort((a, b) => a.start - b.start);
  const items: Item[] = [];
  const gap = (from: number, to: number) => {
    for (const token of text.slice(from, to).split(SEPARATORS)) {
      const trimmed = token.replace(/^[-–—/'‘’.*]+|[-–—/'‘’.*]+$/g, "");
      if (trimmed !== "" && !/^[\p{P}\p{S}]+$/u.test(trimmed)) items.push(classify(trimmed, vendorWords));
    }
  };
  let last = 0;
  for (const span of spans) {
    gap(last, span.start);
    items.push(span.item);
    last = span.end;
  }
  gap(last, text.length);
  return items;
}

// "100% cotton", "綿100%": a share belongs to the material next to it. A count ("120 Stück") reads
// "120 个" after the title. Both are folded in before the title is laid out.
function bind(items: Item[]): Item[] {
  const out: Item[] = [];
  for (let i = 0; i < items.length; i += 1) {
    const item = items[i];
    if (!item) continue;
    const next = items[i + 1];
    const previous = out[out.length - 1];
    const isMaterial = (it: Item | undefined) => it?.type === "term" && it.entry.kind === "material";
    if (item.type === "token" && item.kind === "percent") {
      if (next && next.type === "term" && isMaterial(next)) {
        out.push({ ...next, zh: `${item.text}${next.zh}` });
        i += 1;
        continue;
      }
      if (previous && previous.type === "term" && isMaterial(previous)) {
        out[out.length - 1] = { ...previous, zh: `${item.text}${previous.zh}` };
        continue;
      }
    }
    if (item.type === "term" && item.entry.kind === "count") {
      if (previous && previous.type === "token" && previous.kind === "number") {
        out[out.length - 1] = { type: "suffix", zh: `${previous.text.replace(/,(?=\d{3}\b)/g, "")} ${item.zh}` };
      } else {
        out.push({ type: "suffix", zh: item.zh });
      }
      continue;
    }
    out.push(item);
  }
  return out;
}

/**
 * A Chinese draft of a product title: known terms translated and put in Chinese order as one phrase,
 * brand and model tokens (and the words before the first known term) in front, measurements, counts
 * and other unknown words after it, as written. A title with no known term keeps its order.
 */
export function draftTitle(title: string, vendorWords: ReadonlySet<string> = new Set()): TitleDraft {
  const items = bind(itemsOf(title, vendorWords));
  const firstTerm = items.findIndex((item) => item.type === "term");
  const nearTerm = (i: number) => items[i - 1]?.type === "term" || items[i + 1]?.type === "term";
  const prefix: string[] = [];
  const core: { rank: number; order: number; zh: string }[] = [];
  const suffix: string[] = [];
  const tags = new Set<TermTag>();
  const kinds = new Set<TermKind>();
  let knownWords = 0;
  let totalWords = 0;

  items.forEach((item, i) => {
    if (item.type === "suffix") {
      suffix.push(item.zh);
    } else if (item.type === "term") {
      core.push({ rank: RANK[item.entry.kind], order: i, zh: item.zh });
      if (item.entry.tag) tags.add(item.entry.tag);
      kinds.add(item.entry.kind);
      knownWords += wordCount(item.source);
      totalWords += wordCount(item.source);
    } else {
      if (item.kind === "stop" && (firstTerm === -1 || nearTerm(i))) return;
      if (item.kind === "word") totalWords += 1;
      const leading = firstTerm === -1 || i < firstTerm;
      (leading || item.kind === "code" || item.kind === "brand" ? prefix : suffix).push(item.text);
    }
  });

  const phrase = [...new Set(core.sort((a, b) => a.rank - b.rank || a.order - b.order).map((c) => c.zh))].join("");
  const zh =
    core.length === 0
      ? metricizeText(title.replace(/\s+/g, " ").trim())
      : [prefix.join(" "), phrase, suffix.join(" ")].filter(Boolean).join(" ");
  return { zh, knownWords, totalWords, tags: [...tags].sort(), kinds: [...kinds].sort() };
}
