import { htmlToText } from "~/domain/catalog/html-text";

/**
 * Plain text of a store's HTML description: tags gone (script and style with their content),
 * entities decoded (&amp; &quot; &#39; &nbsp; &eacute; …), paragraphs on their own lines.
 * The catalog importer's converter, so drafts read exactly what the listing page shows.
 */
export function plainText(html: string): string {
  return htmlToText(html);
}

/** The text cut after the last whole sentence that fits in `limit` characters (never cut to nothing). */
export function firstSentences(text: string, limit: number): string {
  if (text.length <= limit) return text;
  const head = text.slice(0, limit);
  let cut = -1;
  for (const found of head.matchAll(/[.!?。！？](?=\s|$)|[。！？]/gu)) cut = found.index + found[0].length;
  return cut > 0 ? head.slice(0, cut).trim() : `${head.trimEnd()}…`;
}
