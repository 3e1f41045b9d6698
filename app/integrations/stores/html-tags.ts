import { decodeEntities } from "~/domain/catalog/html-text";

// Just enough HTML reading for what product pages put in <head>: script blocks, link and meta tags.
// Attribute order, quoting style and case vary between themes; all are accepted.

const ATTRIBUTE = /([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;

export function tagAttributes(tag: string): Record<string, string> {
  const attributes: Record<string, string> = {};
  const inner = tag.replace(/^<\s*[A-Za-z][^\s/>]*/, "").replace(/\/?>$/, "");
  for (const match of inner.matchAll(ATTRIBUTE)) {
    const name = match[1]?.toLowerCase();
    if (name && !(name in attributes)) attributes[name] = decodeEntities(match[2] ?? match[3] ?? match[4] ?? "");
  }
  return attributes;
}

/** Comments hide markup: a commented-out <script> is no script. */
function withoutComments(html: string): string {
  return html.replace(/<!--[\s\S]*?-->/g, "");
}

/** The text of every <script type="application/ld+json"> block, in page order. */
export function jsonLdScripts(html: string): string[] {
  const blocks: string[] = [];
  // Script content is raw text: it ends at the first </script, whatever it contains.
  for (const match of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)) {
    const type = tagAttributes(`<script ${match[1] ?? ""}>`).type ?? "";
    // "application/ld+json; charset=utf-8" is the same type.
    if (type.split(";")[0]?.trim().toLowerCase() === "application/ld+json") blocks.push(match[2] ?? "");
  }
  return blocks;
}

export function linkHref(html: string, rel: string): string | null {
  for (const match of withoutComments(html).matchAll(/<link\b[^>]*>/gi)) {
    const attributes = tagAttributes(match[0]);
    if ((attributes.rel ?? "").toLowerCase().split(/\s+/).includes(rel) && attributes.href) return attributes.href;
  }
  return null;
}

/** <meta property="og:site_name" content="..."> and friends (name= or property=). */
export function metaContent(html: string, key: string): string | null {
  for (const match of withoutComments(html).matchAll(/<meta\b[^>]*>/gi)) {
    const attributes = tagAttributes(match[0]);
    if ((attributes.property ?? attributes.name ?? "").toLowerCase() === key && attributes.content) return attributes.content;
  }
  return null;
}
