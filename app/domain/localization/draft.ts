import { findTerms } from "./glossary";
import { localizeVariantTitle, type Fit, type VariantContext } from "./sizes";
import { firstSentences, plainText } from "./text";
import { draftTitle } from "./title";
import { findMeasures } from "./units";

export type ListingDraftInput = {
  title: string;
  description: string;
  productType?: string | null;
  vendor?: string | null;
  variants: { title: string }[];
};

export type ListingDraft = { titleZh: string; descriptionZh: string; variantTitlesZh: string[]; coverage: number };

// A draft is a starting point for the agent; the first few sentences are what the page leads with.
const DESCRIPTION_LIMIT = 400;

/** Known terms and measurements replaced where they stand; the sentence order stays the store's. */
export function translateInline(text: string): string {
  const measures = findMeasures(text);
  const terms = findTerms(text).filter((term) => !measures.some((m) => term.start < m.end && m.start < term.end));
  const spans = [...measures, ...terms.map((t) => ({ start: t.start, end: t.end, zh: t.entry.zh }))].sort((a, b) => a.start - b.start);
  let out = "";
  let last = 0;
  for (const span of spans) {
    out += text.slice(last, span.start) + span.zh;
    last = span.end;
  }
  return out + text.slice(last);
}

function fitOf(audience: readonly string[]): Fit {
  if (audience.includes("男女同款")) return "unisex";
  const men = audience.includes("男款");
  const women = audience.includes("女款");
  return men === women ? "unisex" : women ? "women" : "men";
}

function variantContext(title: string, productType: string): VariantContext {
  const found = findTerms(`${title} ${productType}`);
  const tags = new Set(found.map((term) => term.entry.tag));
  const fit = fitOf(found.filter((term) => term.entry.kind === "audience").map((term) => term.entry.zh));
  // No size table is applied to a product the glossary cannot place: a wrong size is worse than none,
  // and a ring's "US 7" is not a shoe's.
  if (tags.has("footwear")) return { fit, category: "footwear" };
  if (tags.has("clothing")) return { fit, category: "clothing" };
  const otherNoun = found.some((term) => term.entry.kind === "noun");
  return otherNoun ? { fit, category: "other" } : { fit };
}

/**
 * A Chinese draft of an imported listing, made offline from the glossary, unit and size tables.
 * `coverage` is the share of the title's words the glossary knew (brand names, model numbers and
 * measurements left out), 0 when there is nothing it could know, so reviewers can start at the bottom.
 */
export function draftChineseListing(input: ListingDraftInput): ListingDraft {
  const title = plainText(input.title).replace(/\s+/g, " ").trim();
  const vendorWords = new Set((input.vendor ?? "").toLowerCase().split(/\s+/).filter(Boolean));
  const drafted = draftTitle(title, vendorWords);
  const context = variantContext(title, input.productType ?? "");
  const description = firstSentences(plainText(input.description), DESCRIPTION_LIMIT);
  return {
    titleZh: drafted.zh,
    descriptionZh: translateInline(description),
    variantTitlesZh: input.variants.map((variant) => localizeVariantTitle(plainText(variant.title), context)),
    coverage: drafted.totalWords === 0 ? 0 : Math.round((drafted.knownWords / drafted.totalWords) * 100) / 100,
  };
}
