export { GLOSSARY, lookup, matchAt, type GlossaryEntry } from "./glossary";
export { metricizeText, parseWeight } from "./units";
export { toChineseClothingSize, toChineseShoeSize, type ShoeSystem } from "./sizes";
export { draftChineseListing, localizeVariantTitle, plainText, type DraftInput } from "./draft";
