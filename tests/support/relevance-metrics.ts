// Relevance metrics for catalog search, judged against the fixture's query set
// (tests/fixtures/search-relevance/queries.ts). Pure: the search is passed in as a function from a
// query to ranked listing ids, so the integration test and the bench measure the same way.
import { relevanceQueries, type RelevanceQuery } from "../fixtures/search-relevance/queries";

// A shopper on a phone reads about ten results before giving up or rephrasing.
export const TOP_K = 10;

/**
 * |expected ∩ top k| / min(|expected|, k): a query with more than k good answers is fully served by
 * any k of them, so its recall can still reach 1.
 */
export function recallAtK(expected: readonly string[], ranked: readonly string[], k = TOP_K): number {
  if (expected.length === 0) throw new Error("a judged query needs at least one expected id");
  const wanted = new Set(expected);
  const found = new Set(ranked.slice(0, k).filter((id) => wanted.has(id)));
  return found.size / Math.min(wanted.size, k);
}

/** 1 / the rank (from 1) of the first expected id within the top k; 0 if none is there. */
export function reciprocalRank(expected: readonly string[], ranked: readonly string[], k = TOP_K): number {
  const wanted = new Set(expected);
  const index = ranked.slice(0, k).findIndex((id) => wanted.has(id));
  return index === -1 ? 0 : 1 / (index + 1);
}

export type QueryOutcome = {
  q: string;
  kind: RelevanceQuery["kind"];
  lang: RelevanceQuery["lang"];
  expected: readonly string[];
  best?: string;
  top: string[];
  recall: number;
  reciprocalRank: number;
  missing: string[];
  // Whether `best` came first; null for queries without one.
  bestFirst: boolean | null;
};

export type RelevanceReport = {
  recall: number;
  mrr: number;
  // Share of the queries naming a `best` whose best came first (null when none name one).
  bestAt1: number | null;
  perQuery: QueryOutcome[];
};

const mean = (values: readonly number[]) => (values.length === 0 ? 0 : values.reduce((sum, value) => sum + value, 0) / values.length);

export function judge(query: RelevanceQuery, ranked: readonly string[], k = TOP_K): QueryOutcome {
  const top = ranked.slice(0, k);
  return {
    q: query.q,
    kind: query.kind,
    lang: query.lang,
    expected: query.expected,
    best: query.best,
    top,
    recall: recallAtK(query.expected, ranked, k),
    reciprocalRank: reciprocalRank(query.expected, ranked, k),
    missing: query.expected.filter((id) => !top.includes(id)),
    bestFirst: query.best === undefined ? null : top[0] === query.best,
  };
}

export function summarize(perQuery: QueryOutcome[]): RelevanceReport {
  const withBest = perQuery.filter((outcome) => outcome.bestFirst !== null);
  return {
    recall: mean(perQuery.map((outcome) => outcome.recall)),
    mrr: mean(perQuery.map((outcome) => outcome.reciprocalRank)),
    bestAt1: withBest.length === 0 ? null : withBest.filter((outcome) => outcome.bestFirst).length / withBest.length,
    perQuery,
  };
}

/** Runs every query through `search` (one at a time: the numbers must not depend on concurrency). */
export async function measureRelevance(
  search: (q: string) => Promise<readonly string[]>,
  queries: readonly RelevanceQuery[] = relevanceQueries,
): Promise<RelevanceReport> {
  const perQuery: QueryOutcome[] = [];
  for (const query of queries) perQuery.push(judge(query, await search(query.q)));
  return summarize(perQuery);
}

const pct = (value: number) => value.toFixed(3);

/**
 * The misses (recall below 1, the first good answer not first, or `best` not first) as a plain-text
 * table, then recall and MRR by kind of query: what a developer reads to see what broke.
 */
export function formatReport(report: RelevanceReport, titleOf: (id: string) => string = (id) => id): string {
  const misses = report.perQuery.filter((outcome) => outcome.recall < 1 || outcome.reciprocalRank < 1 || outcome.bestFirst === false);
  const lines = [`relevance misses: ${misses.length} of ${report.perQuery.length} queries`];
  for (const outcome of misses) {
    const flags = [
      `recall ${pct(outcome.recall)}`,
      `RR ${pct(outcome.reciprocalRank)}`,
      outcome.bestFirst === false ? `best ${outcome.best} not first` : "",
    ].filter(Boolean);
    lines.push(`  ${JSON.stringify(outcome.q)} [${outcome.kind}/${outcome.lang}] ${flags.join(", ")}`);
    if (outcome.missing.length > 0) lines.push(`      missing: ${outcome.missing.map((id) => `${id} ${titleOf(id)}`).join(" | ")}`);
    lines.push(
      `      got:     ${
        outcome.top.length === 0
          ? "(nothing)"
          : outcome.top
              .slice(0, 5)
              .map((id) => `${id} ${titleOf(id)}`)
              .join(" | ")
      }`,
    );
  }
  const kinds = [...new Set(report.perQuery.map((outcome) => outcome.kind))];
  lines.push("by kind:");
  for (const kind of kinds) {
    const group = report.perQuery.filter((outcome) => outcome.kind === kind);
    const summary = summarize(group);
    lines.push(
      `  ${kind.padEnd(15)} n=${String(group.length).padStart(3)}  recall@${TOP_K} ${pct(summary.recall)}  MRR ${pct(summary.mrr)}`,
    );
  }
  lines.push(
    `recall@${TOP_K} ${pct(report.recall)}  MRR ${pct(report.mrr)}  best@1 ${report.bestAt1 === null ? "n/a" : pct(report.bestAt1)}  (${report.perQuery.length} queries)`,
  );
  return lines.join("\n");
}
