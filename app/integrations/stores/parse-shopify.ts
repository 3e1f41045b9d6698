import { z } from "zod";
import { htmlToText } from "~/domain/catalog/html-text";
import { finalizeListing, type NormalizedVariant } from "~/domain/catalog/normalized-listing";
import { priceFromShopifyCents, priceFromText } from "~/domain/catalog/price-decimal";
import { toGrams } from "~/domain/catalog/weight";
import { absoluteUrl, currencyCode, parseJsonText } from "./parse-helpers";
import type { ParseResult } from "./types";

// Shopify's public storefront JSON. Only the fields we read are checked; every other field a
// theme or app adds passes untouched. None of these documents states a currency.

const id = z.union([z.number(), z.string()]);
const tags = z.union([z.string(), z.array(z.string())]).nullish();

const jsonVariant = z.object({
  id: id.optional(),
  title: z.string().nullish(),
  price: z.union([z.string(), z.number()]),
  // products.json carries it; /products/<handle>.json does not.
  available: z.boolean().optional(),
  sku: z.string().nullish(),
  grams: z.number().nullish(),
  weight: z.union([z.number(), z.string()]).nullish(),
  weight_unit: z.string().nullish(),
});

const jsonProduct = z.object({
  handle: z.string().min(1).optional(),
  title: z.string(),
  body_html: z.string().nullish(),
  vendor: z.string().nullish(),
  product_type: z.string().nullish(),
  tags,
  variants: z.array(jsonVariant).min(1),
  images: z.array(z.object({ src: z.string() })).nullish(),
});

const jsProduct = z.object({
  handle: z.string().min(1).optional(),
  title: z.string(),
  description: z.string().nullish(),
  vendor: z.string().nullish(),
  type: z.string().nullish(),
  tags,
  variants: z
    .array(
      z.object({
        id: id.optional(),
        title: z.string().nullish(),
        price: z.number(),
        available: z.boolean().optional(),
        sku: z.string().nullish(),
        // Always grams in the .js document.
        weight: z.number().nullish(),
      }),
    )
    .min(1),
  images: z.array(z.string()).nullish(),
});

export type ShopifyJsonProduct = z.infer<typeof jsonProduct>;
export type ShopifyJsProduct = z.infer<typeof jsProduct>;

export type ShopifyContext = {
  /** "https://shop.example.com": where the product lives; its canonical URL is built from it. */
  origin: string;
  currency: string;
  storeName?: string | null;
  /** Used when the document carries no handle. */
  handle?: string;
  /** Variant id → available, from the .js document, for a .json document that does not say. */
  availability?: ReadonlyMap<string, boolean>;
};

/** The product handle of a storefront link: /products/<handle>, also under /collections/x/ or a locale prefix. */
export function shopifyHandle(url: URL): string | null {
  const match = /\/products\/([^/]+?)(?:\.(?:json|js|oembed|xml))?\/?$/.exec(url.pathname);
  return match?.[1] ? match[1] : null;
}

export function readShopifyProductJson(body: string): ShopifyJsonProduct | null {
  const parsed = z.object({ product: jsonProduct }).safeParse(parseJsonText(body));
  return parsed.success ? parsed.data.product : null;
}

export function readShopifyProductJs(body: string): ShopifyJsProduct | null {
  const parsed = jsProduct.safeParse(parseJsonText(body));
  return parsed.success ? parsed.data : null;
}

/** The products of a /products.json page (possibly none), or null when it is not such a page. */
export function readShopifyProductsPage(body: string): ShopifyJsonProduct[] | null {
  const page = z.object({ products: z.array(z.unknown()) }).safeParse(parseJsonText(body));
  if (!page.success) return null;
  // One odd product must not hide the other 249: it is dropped here, and surfaces when imported by link.
  return page.data.products.flatMap((product) => {
    const parsed = jsonProduct.safeParse(product);
    return parsed.success ? [parsed.data] : [];
  });
}

/** Variant id → available, from a .js document. */
export function readShopifyAvailability(body: string): Map<string, boolean> | null {
  const product = readShopifyProductJs(body);
  if (!product) return null;
  return new Map(
    product.variants.flatMap((variant) =>
      variant.id !== undefined && variant.available !== undefined ? [[String(variant.id), variant.available]] : [],
    ),
  );
}

/** The cart's currency: for a visitor without a chosen country, the store's own. */
export function parseShopifyCartCurrency(body: string): string | null {
  const parsed = z.object({ currency: z.string() }).safeParse(parseJsonText(body));
  return parsed.success ? currencyCode(parsed.data.currency) : null;
}

function tagList(value: string | string[] | null | undefined): string[] {
  if (!value) return [];
  return Array.isArray(value) ? value : value.split(",");
}

// Shopify names the only variant of a product without options "Default Title".
function variantTitle(title: string | null | undefined, count: number, index: number): string {
  const text = title?.trim() ?? "";
  if (count === 1 && (text === "" || text === "Default Title")) return "Default";
  return text === "" ? `Variant ${index + 1}` : text;
}

function sourceUrl(context: ShopifyContext, handle: string | undefined): string | null {
  const chosen = handle ?? context.handle;
  if (!chosen) return null;
  // new URL percent-encodes a handle in Japanese and leaves one that arrives encoded as it is.
  return new URL(`/products/${chosen.replace(/[?#/\\]/g, encodeURIComponent)}`, context.origin).toString();
}

function images(sources: string[], origin: string): string[] {
  return sources.flatMap((source) => absoluteUrl(source, origin) ?? []);
}

function missingHandle(): ParseResult {
  return { ok: false, error: { code: "UNEXPECTED_SHAPE", message: "the Shopify product has no handle" } };
}

function finish(draft: Parameters<typeof finalizeListing>[0]): ParseResult {
  const result = finalizeListing(draft);
  return result.ok ? result : { ok: false, error: { code: "INVALID_PRODUCT", message: result.message } };
}

/** A product of /products/<handle>.json or of a /products.json page. */
export function normalizeShopifyJsonProduct(product: ShopifyJsonProduct, context: ShopifyContext): ParseResult {
  const url = sourceUrl(context, product.handle);
  if (!url) return missingHandle();
  const variants: NormalizedVariant[] = product.variants.map((variant, index) => {
    const stated = typeof variant.price === "number" ? String(variant.price) : variant.price;
    // grams is what Shopify itself rates shipping with; weight + unit is only the editor's entry.
    const grams = variant.grams && variant.grams > 0 ? toGrams(variant.grams, "g") : toGrams(variant.weight, variant.weight_unit);
    return {
      title: variantTitle(variant.title, product.variants.length, index),
      price: priceFromText(stated, context.currency) ?? stated,
      // Shopify lists only published products; a variant nobody says is sold out is taken as buyable.
      available: variant.available ?? (variant.id === undefined ? undefined : context.availability?.get(String(variant.id))) ?? true,
      sku: variant.sku ?? null,
      weightGrams: grams,
    };
  });
  return finish({
    sourceUrl: url,
    platform: "SHOPIFY",
    storeOrigin: context.origin,
    storeName: context.storeName ?? null,
    title: product.title,
    description: htmlToText(product.body_html ?? ""),
    currency: context.currency,
    images: images(
      (product.images ?? []).map((image) => image.src),
      context.origin,
    ),
    variants,
    productType: product.product_type ?? null,
    vendor: product.vendor ?? null,
    tags: tagList(product.tags),
  });
}

/** A /products/<handle>.js document: prices in hundredths, protocol-relative images. */
export function normalizeShopifyJsProduct(product: ShopifyJsProduct, context: ShopifyContext): ParseResult {
  const url = sourceUrl(context, product.handle);
  if (!url) return missingHandle();
  const variants: NormalizedVariant[] = product.variants.map((variant, index) => ({
    title: variantTitle(variant.title, product.variants.length, index),
    price: priceFromShopifyCents(variant.price, context.currency) ?? String(variant.price),
    available: variant.available ?? true,
    sku: variant.sku ?? null,
    weightGrams: toGrams(variant.weight, "g"),
  }));
  return finish({
    sourceUrl: url,
    platform: "SHOPIFY",
    storeOrigin: context.origin,
    storeName: context.storeName ?? null,
    title: product.title,
    description: htmlToText(product.description ?? ""),
    currency: context.currency,
    images: images(product.images ?? [], context.origin),
    variants,
    productType: product.type ?? null,
    vendor: product.vendor ?? null,
    tags: tagList(product.tags),
  });
}

const notShopify = (what: string): ParseResult => ({
  ok: false,
  error: { code: "UNEXPECTED_SHAPE", message: `not a Shopify ${what} document` },
});

export function parseShopifyProductJson(body: string, context: ShopifyContext): ParseResult {
  const product = readShopifyProductJson(body);
  return product ? normalizeShopifyJsonProduct(product, context) : notShopify("product .json");
}

export function parseShopifyProductJs(body: string, context: ShopifyContext): ParseResult {
  const product = readShopifyProductJs(body);
  return product ? normalizeShopifyJsProduct(product, context) : notShopify("product .js");
}
