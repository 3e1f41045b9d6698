export { draftChineseListing, translateInline, type ListingDraft, type ListingDraftInput } from "./draft";
export {
  findTerms,
  GLOSSARY,
  lookupTerm,
  translateTerms,
  type GlossaryEntry,
  type TermKind,
  type TermMatch,
  type TermTag,
} from "./glossary";
export {
  localizeVariantTitle,
  toChineseClothingSize,
  toChineseShoeSize,
  type Fit,
  type ShoeSize,
  type ShoeSystem,
  type VariantContext,
} from "./sizes";
export { plainText } from "./text";
export { draftTitle, type TitleDraft } from "./title";
export { findMeasures, metricizeText, parseWeight, type Measure } from "./units";
