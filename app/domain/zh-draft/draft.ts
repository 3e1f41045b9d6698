import { lookup, matchAt } from "./glossary";
import { toChineseClothingSize, toChineseShoeSize } from "./sizes";
import { metricizeText } from "./units";

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " ", eacute: "é", uuml: "ü", ouml: "ö", auml: "ä", szlig: "ß" };

/** HTML to plain text: tags dropped, block ends as spaces, entities decoded once. */
export function plainText(html: string): string {
  return html
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, " ")
    .replace(/<[^>]+>/g, " ")
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, code: string) => {
      if (code[0] === "#") {
        const point = code[1]?.toLowerCase() === "x" ? parseInt(code.slice(2), 16) : parseInt(code.slice(1), 10);
        return Number.isFinite(point) && point > 0 && point < 0x110000 ? String.fromCodePoint(point) : whole;
      }
      return ENTITIES[code.toLowerCase()] ?? whole;
    })
    .replace(/\s+/g, " ")
    .trim();
}

type Piece = { zh: string; kind: "attribute" | "colour" | "noun" | "kept" };

/** Splits text into glossary hits and kept runs (brands, model numbers, unknown words). */
function segment(text: string): { pieces: Piece[]; known: number; words: number } {
  const pieces: Piece[] = [];
  let kept = "";
  let known = 0;
  let index = 0;
  const flush = () => {
    const trimmed = kept.trim();
    if (trimmed) pieces.push({ zh: trimmed, kind: "kept" });
    kept = "";
  };
  while (index < text.length) {
    const entry = matchAt(text, index);
    if (entry) {
      flush();
      pieces.push({ zh: entry.zh, kind: entry.kind });
      known += entry.source.split(/\s+/).length;
      index += entry.source.length;
    } else {
      kept += text[index];
      index += 1;
    }
  }
  flush();
  const words = Math.max(1, text.split(/[\s,/|]+/).filter(Boolean).length);
  return { pieces, known, words };
}

/**
 * A Chinese title in the usual order: kept tokens (brand, model) first, then colours and attributes,
 * then the product noun. Punctuation-only leftovers are dropped.
 */
function draftTitle(title: string) {
  const { pieces, known, words } = segment(metricizeText(title));
  const kept = pieces.filter((piece) => piece.kind === "kept").map((piece) => piece.zh.replace(/^[-–,|/()]+|[-–,|/()]+$/g, "").trim()).filter((text) => /[\p{L}\p{N}]/u.test(text));
  const known_ = pieces.filter((piece) => piece.kind !== "kept");
  const order = { colour: 0, attribute: 1, noun: 2, kept: 3 } as const;
  const translated = [...known_].sort((a, b) => order[a.kind] - order[b.kind]).map((piece) => piece.zh);
  const titleZh = [kept.join(" "), translated.join("")].filter(Boolean).join(" ").trim();
  return { titleZh: titleZh || title, coverage: Math.min(1, known / words) };
}

const SHOE = /^(US|UK|EU|JP)\s*(?:(M|W|men'?s|women'?s)\s*)?(\d{1,2}(?:\.5)?)$/i;

/** "Black / M" → "黑色 / M（170/88A）"; "US 9" → "US 9（中国码 42）"; unknown parts stay as they are. */
export function localizeVariantTitle(title: string, fit: "men" | "women" | "unisex" = "unisex"): string {
  if (/^default( title)?$/i.test(title.trim())) return "默认";
  return title
    .split(/\s*\/\s*/)
    .map((part) => {
      const colour = lookup(part.trim());
      if (colour) return colour;
      const clothing = /^(XXS|XS|S|M|L|XL|XXL|2XL)$/i.test(part.trim()) ? toChineseClothingSize(part, fit) : null;
      if (clothing) return clothing;
      const shoe = SHOE.exec(part.trim());
      if (shoe) {
        const [, system = "", gender = "", size = ""] = shoe;
        const key = system.toUpperCase() === "US" ? (/^w/i.test(gender) || fit === "women" ? "US_W" : "US_M") : (system.toUpperCase() as "UK" | "EU" | "JP");
        const cn = toChineseShoeSize(key, Number(size));
        return cn ? `${part.trim()}（中国码 ${cn.cn}）` : part;
      }
      const bareShoe = /^\d{1,2}(?:\.5)?$/.test(part.trim()) ? toChineseShoeSize(fit === "women" ? "US_W" : "US_M", Number(part)) : null;
      if (bareShoe) return `US ${part.trim()}（中国码 ${bareShoe.cn}）`;
      return part;
    })
    .join(" / ");
}

export type DraftInput = { title: string; description: string; productType?: string | null; vendor?: string | null; variants: { title: string }[] };

export function draftChineseListing(input: DraftInput) {
  const fit = /women|女/i.test(`${input.title} ${input.productType ?? ""}`) ? "women" : /\bmen|男/i.test(`${input.title} ${input.productType ?? ""}`) ? "men" : "unisex";
  const { titleZh, coverage } = draftTitle(plainText(input.title));
  const description = metricizeText(plainText(input.description));
  const descriptionZh = description ? `${titleZh}。${description}` : titleZh;
  return { titleZh, descriptionZh, variantTitlesZh: input.variants.map((variant) => localizeVariantTitle(variant.title, fit)), coverage };
}
