import { englishTitle } from "~/domain/localization/english-title";

// An order item keeps the store's title and the Chinese name it was bought under; its English name is
// drafted here, on the server, so the glossary never ships to the browser. Titles repeat across orders
// and lists, so the drafts are memoized (bounded: the oldest entry goes first).
const MAX_ENTRIES = 5_000;
const drafts = new Map<string, string>();

function englishName(title: string): string {
  const known = drafts.get(title);
  if (known !== undefined) return known;
  const text = englishTitle(title).text;
  if (drafts.size >= MAX_ENTRIES) drafts.delete(drafts.keys().next().value as string);
  drafts.set(title, text);
  return text;
}

/** The items, each with `titleEn`: what an English reader calls it (the store's English, or a draft). */
export function withEnglishNames<T extends { title: string }>(items: readonly T[]): (T & { titleEn: string })[] {
  return items.map((item) => ({ ...item, titleEn: englishName(item.title) }));
}
