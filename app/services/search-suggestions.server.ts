import { normalizeText, stemWord, textRuns } from "~/domain/search/normalize";
import { planQuery, type SearchPlan } from "~/domain/search/query-plan";
import { nearestWords } from "~/domain/search/spelling";
import type { SearchQuery } from "~/domain/search-query";
import { categoriesMatching, countMatching, currentThesaurus, tierQueriesFor } from "./catalog-search.server";
import { listCategories } from "./catalog.server";

// What a search with no results offers instead of a dead end: the categories nearest to the words,
// the query spelled the way known words are, each word alone (with how many it finds), the same
// search without the filters, and the "paste a link" import (with the link itself when the shopper
// pasted one into the search box). Only run when a search found nothing.

export type SearchSuggestions = {
  categories: { slug: string; nameZh: string; nameEn: string }[];
  spellings: { q: string; count: number }[];
  words: { q: string; count: number }[];
  withoutFilters: number | null;
  importUrl: string | null;
};

const MAX_CATEGORIES = 4;
const MAX_SPELLINGS = 3;
const MAX_WORDS = 3;

const hasFilters = (query: SearchQuery) =>
  query.category !== undefined || query.origin !== undefined || query.minCny !== undefined || query.maxCny !== undefined || query.inStock;

const conceptPlan = (plan: SearchPlan, index: number): SearchPlan => ({ phrase: [], concepts: plan.concepts.slice(index, index + 1) });

async function countOf(q: string, query: SearchQuery): Promise<number> {
  const plan = planQuery(q, await currentThesaurus());
  const queries = plan ? tierQueriesFor(plan) : null;
  return queries ? countMatching(queries.all, query) : 0;
}

/** The query with one unknown Latin word replaced by each near known word, when that finds something. */
async function spellings(query: SearchQuery): Promise<SearchSuggestions["spellings"]> {
  const thesaurus = await currentThesaurus();
  const categories = await listCategories();
  const vocabulary = [
    ...new Set([...thesaurus.latinWords, ...categories.flatMap((category) => normalizeText(category.nameEn).split(" "))]),
  ];
  const normalized = normalizeText(query.q);
  const words = textRuns(normalized, { joinCjk: false });
  const found: SearchSuggestions["spellings"] = [];
  for (const [index, run] of words.entries()) {
    const word = stemWord(run.text);
    if (run.kind !== "word" || !/^[a-z]{3,}$/.test(word) || thesaurus.has(word)) continue;
    for (const known of nearestWords(word, vocabulary)) {
      const q = words.map((other, position) => (position === index ? known : other.text)).join(" ");
      const count = await countOf(q, query);
      if (count > 0) found.push({ q, count });
      if (found.length === MAX_SPELLINGS) return found;
    }
  }
  return found;
}

export async function searchSuggestions(query: SearchQuery): Promise<SearchSuggestions> {
  const importUrl = /^https?:\/\/\S+$/i.test(query.q) ? query.q : null;
  const plan = importUrl ? null : planQuery(query.q, await currentThesaurus());
  const all = await listCategories();
  const byCategory = new Map<string, number>();
  const words: SearchSuggestions["words"] = [];
  for (const index of plan?.concepts.keys() ?? []) {
    if (!plan) break;
    const queries = tierQueriesFor(conceptPlan(plan, index));
    if (!queries) continue;
    for (const { slug, count } of await categoriesMatching(queries.all)) byCategory.set(slug, (byCategory.get(slug) ?? 0) + count);
    const concept = plan.concepts[index];
    if (plan.concepts.length >= 2 && concept) {
      const count = await countMatching(queries.all, query);
      if (count > 0) words.push({ q: concept.key, count });
    }
  }
  const nearest = [...byCategory]
    .sort((a, b) => b[1] - a[1])
    .flatMap(([slug]) => all.find((category) => category.slug === slug) ?? [])
    .slice(0, MAX_CATEGORIES);
  // Nothing related at all: the shop's first categories, to browse instead.
  const categories = nearest.length > 0 ? nearest : all.slice(0, MAX_CATEGORIES);
  return {
    categories,
    spellings: plan ? await spellings(query) : [],
    words: words.sort((a, b) => b.count - a.count).slice(0, MAX_WORDS),
    withoutFilters:
      plan && hasFilters(query)
        ? await countOf(query.q, { ...query, category: undefined, origin: undefined, minCny: undefined, maxCny: undefined, inStock: false })
        : null,
    importUrl,
  };
}
