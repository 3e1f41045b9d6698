import { cleanText, decodeEntities } from "~/domain/catalog/html-text";
import { jsonLdScripts } from "./html-tags";
import { parseJsonText } from "./parse-helpers";

// Reading JSON-LD as shops publish it: several blocks per page, some broken, entities at the top,
// in arrays, in @graph or behind mainEntity, values as strings, arrays, {"@value"} objects or
// {"@id"} references to another entity of the page.

export type JsonNode = Record<string, unknown>;

export const isNode = (value: unknown): value is JsonNode => typeof value === "object" && value !== null && !Array.isArray(value);
export const asArray = (value: unknown): unknown[] => (value === undefined || value === null ? [] : Array.isArray(value) ? value : [value]);

/** "http://schema.org/Product", "schema:Product" and "Product" are one type. */
export function shortName(value: string): string {
  return value.trim().replace(/^(?:https?:\/\/schema\.org\/|schema:)/i, "");
}

export function typesOf(node: JsonNode): string[] {
  return asArray(node["@type"]).flatMap((type) => (typeof type === "string" ? [shortName(type)] : []));
}

export const hasType = (node: JsonNode, ...names: string[]) => typesOf(node).some((type) => names.includes(type));

/**
 * Parses one block. Shops ship blocks with raw newlines inside strings, legacy comment or CDATA
 * wrappers, or the whole block HTML-escaped; each repair is tried only when the plain parse fails.
 */
export function parseBlock(raw: string): unknown {
  const text = raw
    .trim()
    .replace(/^(?:<!--|\/\*\s*<!\[CDATA\[\s*\*\/|\/\/\s*<!\[CDATA\[)/, "")
    .replace(/(?:-->|\/\*\s*\]\]>\s*\*\/|\/\/\s*\]\]>)$/, "")
    .trim();
  for (const attempt of [text, text.replace(/[\u0000-\u001f]+/g, " "), decodeEntities(text).replace(/[\u0000-\u001f]+/g, " ")]) {
    const parsed = parseJsonText(attempt);
    if (parsed !== undefined) return parsed;
  }
  return undefined;
}

/** Every parseable block of the page; a broken one is skipped, never fatal to its neighbours. */
export function extractJsonLd(html: string): unknown[] {
  return jsonLdScripts(html).flatMap((raw) => {
    const parsed = parseBlock(raw);
    return parsed === undefined ? [] : [parsed];
  });
}

export type Graph = { nodes: JsonNode[]; byId: Map<string, JsonNode> };

/** The entities a page states: top-level ones, array members, @graph members and mainEntity. */
export function buildGraph(documents: unknown[]): Graph {
  const nodes: JsonNode[] = [];
  const byId = new Map<string, JsonNode>();
  const index = (value: unknown, depth: number) => {
    if (depth > 12) return;
    if (Array.isArray(value)) return value.forEach((item) => index(item, depth + 1));
    if (!isNode(value)) return;
    const id = value["@id"];
    // A bare {"@id"} is a reference, not the entity.
    if (typeof id === "string" && Object.keys(value).some((key) => key !== "@id") && !byId.has(id)) byId.set(id, value);
    for (const child of Object.values(value)) index(child, depth + 1);
  };
  const collect = (value: unknown, depth: number) => {
    if (depth > 6) return;
    if (Array.isArray(value)) return value.forEach((item) => collect(item, depth + 1));
    if (!isNode(value)) return;
    nodes.push(value);
    if (value["@graph"] !== undefined) collect(value["@graph"], depth + 1);
    if (isNode(value.mainEntity) || Array.isArray(value.mainEntity)) collect(value.mainEntity, depth + 1);
  };
  documents.forEach((document) => {
    index(document, 0);
    collect(document, 0);
  });
  return { nodes, byId };
}

export function deref(value: unknown, graph: Graph): unknown {
  if (isNode(value) && typeof value["@id"] === "string" && Object.keys(value).every((key) => key === "@id" || key === "@type")) {
    return graph.byId.get(value["@id"]) ?? value;
  }
  return value;
}

/** A text value: a string, a number, a {"@value"} object, or the first of an array of them. */
export function text(value: unknown): string | null {
  for (const item of asArray(value)) {
    if (typeof item === "string" && item.trim() !== "") return cleanText(item);
    if (typeof item === "number" && Number.isFinite(item)) return String(item);
    if (isNode(item) && (typeof item["@value"] === "string" || typeof item["@value"] === "number")) return text(item["@value"]);
  }
  return null;
}

/** brand, seller and the like: a name or a Thing with a name. */
export function nameOf(value: unknown, graph: Graph): string | null {
  for (const item of asArray(value)) {
    const resolved = deref(item, graph);
    const name = isNode(resolved) ? text(resolved.name) : text(resolved);
    if (name) return name;
  }
  return null;
}
