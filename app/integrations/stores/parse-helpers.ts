import { decodeEntities } from "~/domain/catalog/html-text";

/** JSON.parse that answers undefined instead of throwing; a leading BOM is allowed. */
export function parseJsonText(text: string): unknown {
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch {
    return undefined;
  }
}

/**
 * An absolute http(s) URL for an image or link as stores write them: protocol-relative
 * ("//cdn.shopify.com/..."), relative to the page, or with HTML entities left in. Anything else
 * (data:, javascript:, garbage) is dropped rather than stored.
 */
export function absoluteUrl(raw: string, base: string): string | null {
  const text = decodeEntities(raw.trim());
  if (text === "") return null;
  try {
    const url = new URL(text.startsWith("//") ? `https:${text}` : text, base);
    if (url.protocol !== "https:" && url.protocol !== "http:") return null;
    url.hash = "";
    return url.toString();
  } catch {
    return null;
  }
}

export function isCurrencyCode(value: unknown): value is string {
  return typeof value === "string" && /^[A-Z]{3}$/.test(value);
}

/** A currency as stores write it ("usd", " USD "), or null when it is not a three-letter code. */
export function currencyCode(value: unknown): string | null {
  if (typeof value !== "string") return null;
  const code = value.trim().toUpperCase();
  return isCurrencyCode(code) ? code : null;
}
