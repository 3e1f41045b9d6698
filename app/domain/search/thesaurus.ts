import { GLOSSARY } from "~/domain/localization/glossary";
import { normalizeText, stemWord, textRuns } from "./normalize";
import type { ThesaurusEntry } from "./thesaurus-entry";

// The words a query expands to. Two sources, one shape:
// - the localization glossary (every spelling of a word in the stores' languages → its Chinese),
//   read both ways, so "headphones", "Kopfhörer" and "ヘッドホン" find a listing titled 耳机 and
//   耳机 finds one whose original title says "Kopfhörer";
// - the admin's table (SearchSynonym): synonyms both ways, hypernyms one way (包 → 双肩包).
// Expansion is one hop (a word's own groups, its kinds, and their groups): transitive closure
// would join unrelated senses (笔记本 is both a laptop and a paper notebook).

/** The normal form of a word or phrase as the thesaurus and the query planner compare them. */
export function termKey(text: string): string {
  return textRuns(normalizeText(text), { joinCjk: true })
    .map((run) => (run.kind === "word" ? stemWord(run.text) : run.text))
    .join(" ");
}

export type Thesaurus = {
  /** The key itself first, then what it expands to (at most MAX_ALTERNATIVES). */
  expand(key: string): string[];
  has(key: string): boolean;
  /** Known CJK words of two characters or more, for segmenting an unspaced query. */
  cjkWords: ReadonlySet<string>;
  longestCjkWord: number;
  /** Known single Latin words, for spelling suggestions. */
  latinWords: readonly string[];
};

export const MAX_ALTERNATIVES = 48;
// Colour, material and audience words are glossary entries too, but a count word (个, 本, 개) is
// not something anyone searches for.
const GLOSSARY_GROUPS = (() => {
  const groups = new Map<string, Set<string>>();
  for (const entry of GLOSSARY) {
    if (entry.kind === "count") continue;
    const group = groups.get(entry.zh) ?? new Set([entry.zh]);
    group.add(entry.term);
    groups.set(entry.zh, group);
  }
  return [...groups.values()].map((group) => [...group]);
})();

function addAll(map: Map<string, Set<string>>, key: string, values: Iterable<string>) {
  const set = map.get(key) ?? new Set<string>();
  for (const value of values) if (value !== key) set.add(value);
  map.set(key, set);
}

export function compileThesaurus(entries: readonly ThesaurusEntry[]): Thesaurus {
  const synonyms = new Map<string, Set<string>>();
  const kinds = new Map<string, Set<string>>();
  const keysOf = (words: readonly string[]) => [...new Set(words.map(termKey).filter(Boolean))];
  const groups = [...GLOSSARY_GROUPS, ...entries.filter((entry) => entry.kind === "SYNONYM").map((entry) => [entry.term, ...entry.words])];
  for (const group of groups) {
    const keys = keysOf(group);
    for (const key of keys) addAll(synonyms, key, keys);
  }
  for (const entry of entries) {
    if (entry.kind !== "HYPERNYM") continue;
    const term = termKey(entry.term);
    if (term) addAll(kinds, term, keysOf(entry.words));
  }
  const known = new Set([...synonyms.keys(), ...kinds.keys(), ...[...kinds.values()].flatMap((set) => [...set])]);
  const cjkWords = new Set([...known].filter((key) => !key.includes(" ") && [...key].length >= 2 && !/[a-z0-9]/.test(key)));

  function expand(key: string): string[] {
    const out = new Set([key]);
    const add = (value: string) => {
      if (out.size < MAX_ALTERNATIVES) out.add(value);
    };
    for (const value of synonyms.get(key) ?? []) add(value);
    for (const word of [...out]) {
      for (const kind of kinds.get(word) ?? []) {
        add(kind);
        for (const value of synonyms.get(kind) ?? []) add(value);
      }
    }
    return [...out];
  }

  return {
    expand,
    has: (key) => known.has(key),
    cjkWords,
    longestCjkWord: Math.min(8, Math.max(2, ...[...cjkWords].map((word) => [...word].length))),
    latinWords: [...known].filter((key) => /^[a-z]{3,}$/.test(key)).sort(),
  };
}
