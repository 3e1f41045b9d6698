import { cleanText, htmlToText } from "~/domain/catalog/html-text";
import { finalizeListing, type NormalizedVariant } from "~/domain/catalog/normalized-listing";
import { compareDecimal, isPlainDecimal, priceFromNumber, priceFromText } from "~/domain/catalog/price-decimal";
import { gramsFromText, toGrams } from "~/domain/catalog/weight";
import { linkHref, metaContent } from "./html-tags";
import {
  asArray,
  buildGraph,
  deref,
  extractJsonLd,
  hasType,
  isNode,
  nameOf,
  parseBlock,
  shortName,
  text,
  type Graph,
  type JsonNode,
} from "./json-ld-graph";
import { absoluteUrl, currencyCode } from "./parse-helpers";
import type { ParseResult } from "./types";

// A page's schema.org Product (or ProductGroup) as a normalized listing.

export { extractJsonLd } from "./json-ld-graph";

function imageUrls(value: unknown, graph: Graph, base: string): string[] {
  return asArray(value).flatMap((item) => {
    const resolved = deref(item, graph);
    if (typeof resolved === "string") return absoluteUrl(resolved, base) ?? [];
    if (!isNode(resolved)) return [];
    const source = [resolved.contentUrl, resolved.url]
      .flatMap(asArray)
      .find((candidate): candidate is string => typeof candidate === "string");
    return source ? (absoluteUrl(source, base) ?? []) : [];
  });
}

/** A QuantitativeValue (unitCode GRM/KGM/LBR/ONZ or unitText g/kg/lb/oz) or "1.5 lb". */
function weightOf(value: unknown, graph: Graph): number | null {
  const resolved = deref(value, graph);
  if (typeof resolved === "string") return gramsFromText(resolved);
  if (!isNode(resolved)) return null;
  const amount = typeof resolved.value === "number" || typeof resolved.value === "string" ? resolved.value : null;
  const unit = typeof resolved.unitCode === "string" ? resolved.unitCode : typeof resolved.unitText === "string" ? resolved.unitText : null;
  return toGrams(amount, unit);
}

const IN_STOCK = new Set(["InStock", "LimitedAvailability", "OnlineOnly", "PreOrder", "PreSale", "BackOrder", "MadeToOrder"]);

/**
 * Missing availability reads as available: many shops leave it out of every offer. A value we do
 * not recognise reads as unavailable (InStoreOnly, Reserved, a typo): an order for it could not be placed.
 */
function availabilityOf(value: unknown): boolean {
  const stated = text(value);
  return stated === null ? true : IN_STOCK.has(shortName(stated));
}

type RawOffer = {
  price: unknown;
  currency: string | null;
  available: boolean;
  name: string | null;
  sku: string | null;
  weightGrams: number | null;
};

type OfferDefaults = { currency: string | null; availability: unknown };

function offersOf(value: unknown, graph: Graph, defaults: OfferDefaults, depth = 0): RawOffer[] {
  if (depth > 3) return [];
  return asArray(value).flatMap((item): RawOffer[] => {
    const offer = deref(item, graph);
    if (!isNode(offer)) return [];
    const currency = currencyCode(text(offer.priceCurrency)) ?? defaults.currency;
    const availability = offer.availability ?? defaults.availability;
    if (hasType(offer, "AggregateOffer")) {
      const inner = offersOf(offer.offers, graph, { currency, availability }, depth + 1).filter(
        (entry) => entry.price !== undefined && entry.price !== null,
      );
      if (inner.length > 0) return inner;
      const low = offer.lowPrice ?? offer.price;
      return low === undefined
        ? []
        : [{ price: low, currency, available: availabilityOf(availability), name: null, sku: text(offer.sku), weightGrams: null }];
    }
    // WooCommerce and others put the amount in a PriceSpecification.
    const specification = asArray(offer.priceSpecification)
      .map((entry) => deref(entry, graph))
      .find((entry): entry is JsonNode => isNode(entry) && entry.price !== undefined);
    const itemOffered = deref(offer.itemOffered, graph);
    const offered = isNode(itemOffered) ? itemOffered : {};
    return [
      {
        price: offer.price ?? specification?.price,
        currency: currency ?? currencyCode(text(specification?.priceCurrency)),
        available: availabilityOf(availability),
        name: text(offer.name) ?? text(offered.name),
        sku: text(offer.sku) ?? text(offered.sku),
        weightGrams: weightOf(offered.weight, graph),
      },
    ];
  });
}

function priceOf(value: unknown, currency: string): string {
  const stated = typeof value === "string" ? value : typeof value === "number" ? String(value) : "";
  const price =
    typeof value === "number" ? priceFromNumber(value, currency) : typeof value === "string" ? priceFromText(value, currency) : null;
  // Unreadable prices stay as stated so validation names them instead of silently dropping the offer.
  return price ?? (stated.trim() === "" ? "missing" : stated.trim());
}

function cheapest(offers: RawOffer[], currency: string): { price: string; available: boolean } {
  const priced = offers.map((offer) => ({ price: priceOf(offer.price, currency), available: offer.available }));
  const broken = priced.find((offer) => !isPlainDecimal(offer.price));
  if (broken) return broken;
  const pool = priced.some((offer) => offer.available) ? priced.filter((offer) => offer.available) : priced;
  const best = pool.reduce((low, offer) => (compareDecimal(offer.price, low.price) < 0 ? offer : low));
  return { price: best.price, available: priced.some((offer) => offer.available) };
}

/** "Tee – Small" under the group "Tee" is the variant "Small". */
function withoutPrefix(name: string, groupName: string): string {
  if (!name.startsWith(groupName)) return name;
  const rest = name
    .slice(groupName.length)
    .replace(/^\s*[-–—:/,|]\s*/, "")
    .trim();
  return rest === "" ? name : rest;
}

function pickProduct(graph: Graph, pageUrl: string): JsonNode | null {
  const groups = graph.nodes.filter((node) => hasType(node, "ProductGroup"));
  const inGroups = new Set(groups.flatMap((group) => asArray(group.hasVariant).map((variant) => deref(variant, graph))));
  // A ProductGroup is the product; its hasVariant members are its variants, not rivals.
  const candidates = [
    ...groups,
    ...graph.nodes.filter((node) => hasType(node, "Product") && !hasType(node, "ProductGroup") && !inGroups.has(node)),
  ];
  const path = new URL(pageUrl).pathname;
  // Pages list related products too: the one whose url is this page wins.
  const onPage = candidates.find((node) => {
    const url = text(node.url);
    const absolute = url ? absoluteUrl(url, pageUrl) : null;
    return absolute !== null && new URL(absolute).pathname === path;
  });
  return onPage ?? candidates[0] ?? null;
}

function firstCurrency(offers: RawOffer[]): string | null {
  return (
    offers.find((offer) => offer.currency !== null && offer.price !== undefined)?.currency ??
    offers.find((offer) => offer.currency !== null)?.currency ??
    null
  );
}

const TRACKING = /^(?:utm_\w+|fbclid|gclid|msclkid|_pos|_sid|_ss|_psq|_v)$/i;

/**
 * The canonical product URL, only ever on the page's own origin: listings are keyed by it, and a
 * page must not be able to claim another store's product.
 */
function canonicalUrl(html: string, product: JsonNode, pageUrl: string): string {
  const origin = new URL(pageUrl).origin;
  for (const candidate of [linkHref(html, "canonical"), text(product.url), pageUrl]) {
    const absolute = candidate ? absoluteUrl(candidate, pageUrl) : null;
    if (!absolute) continue;
    const url = new URL(absolute);
    if (url.origin !== origin) continue;
    for (const key of [...url.searchParams.keys()]) if (TRACKING.test(key)) url.searchParams.delete(key);
    return url.toString();
  }
  return pageUrl;
}

function storeNameOf(html: string, graph: Graph, product: JsonNode): string | null {
  const site = graph.nodes.find((node) => hasType(node, "WebSite", "Organization", "OnlineStore", "Store", "Corporation"));
  const seller = asArray(product.offers)
    .map((offer) => deref(offer, graph))
    .find((offer): offer is JsonNode => isNode(offer) && offer.seller !== undefined);
  const ogSiteName = metaContent(html, "og:site_name");
  return (site ? text(site.name) : null) ?? (seller ? nameOf(seller.seller, graph) : null) ?? (ogSiteName ? cleanText(ogSiteName) : null);
}

export type JsonLdContext = {
  /** The URL the page was fetched from (after redirects): relative URLs resolve against it. */
  pageUrl: string;
  /** Used only when no offer states priceCurrency. */
  currency?: string | null;
};

function variantsOf(product: JsonNode, graph: Graph, currency: string, defaults: OfferDefaults): NormalizedVariant[] | null {
  const productWeight = weightOf(product.weight, graph);
  const groupName = text(product.name) ?? "";
  const members = asArray(product.hasVariant)
    .map((member) => deref(member, graph))
    .filter(isNode);
  if (hasType(product, "ProductGroup") && members.length > 0) {
    const variants = members.flatMap((member, index): NormalizedVariant[] => {
      const offers = offersOf(member.offers, graph, defaults).filter((offer) => offer.currency === null || offer.currency === currency);
      if (offers.length === 0) return [];
      const best = cheapest(offers, currency);
      const name = text(member.name);
      return [
        {
          title: name ? withoutPrefix(name, groupName) : `Variant ${index + 1}`,
          ...best,
          sku: text(member.sku) ?? offers[0]?.sku ?? null,
          weightGrams: weightOf(member.weight, graph) ?? productWeight,
        },
      ];
    });
    return variants.length > 0 ? variants : null;
  }
  const offers = offersOf(product.offers, graph, defaults).filter((offer) => offer.currency === null || offer.currency === currency);
  if (offers.length === 0) return null;
  const names = new Set(offers.map((offer) => offer.name).filter((name) => name !== null));
  if (offers.length > 1 && names.size > 1) {
    return offers.map((offer, index) => ({
      title: offer.name ?? `Variant ${index + 1}`,
      ...cheapest([offer], currency),
      sku: offer.sku,
      weightGrams: offer.weightGrams ?? productWeight,
    }));
  }
  // Offers without distinct names are sellers or price points of one article, not variants.
  return [
    {
      title: "Default",
      ...cheapest(offers, currency),
      sku: text(product.sku) ?? (offers.length === 1 ? (offers[0]?.sku ?? null) : null),
      weightGrams: productWeight,
    },
  ];
}

/** The schema.org Product of a page (HTML, or a JSON-LD document itself) as a normalized listing. */
export function parseJsonLdListing(document: string, context: JsonLdContext): ParseResult {
  const trimmed = document.trimStart();
  const documents =
    trimmed.startsWith("{") || trimmed.startsWith("[")
      ? [parseBlock(trimmed)].filter((value) => value !== undefined)
      : extractJsonLd(document);
  const graph = buildGraph(documents);
  const product = pickProduct(graph, context.pageUrl);
  if (!product) return { ok: false, error: { code: "NO_PRODUCT_DATA", message: "the page states no schema.org Product" } };
  const name = text(product.name);
  if (!name) return { ok: false, error: { code: "INVALID_PRODUCT", message: "the product has no name" } };

  const defaults: OfferDefaults = { currency: null, availability: undefined };
  const members = asArray(product.hasVariant)
    .map((member) => deref(member, graph))
    .filter(isNode);
  const stated = firstCurrency([
    ...offersOf(product.offers, graph, defaults),
    ...members.flatMap((member) => offersOf(member.offers, graph, defaults)),
  ]);
  const currency = stated ?? currencyCode(context.currency);
  if (!currency) return { ok: false, error: { code: "CURRENCY_UNKNOWN", message: "the product's offers state no priceCurrency" } };

  const variants = variantsOf(product, graph, currency, defaults);
  if (!variants) return { ok: false, error: { code: "INVALID_PRODUCT", message: "the product has no offer with a price" } };

  const description = typeof product.description === "string" ? htmlToText(product.description) : (text(product.description) ?? "");
  const keywords = asArray(product.keywords).flatMap((entry) => (typeof entry === "string" ? entry.split(",") : []));
  const result = finalizeListing({
    sourceUrl: canonicalUrl(document, product, context.pageUrl),
    platform: "JSONLD",
    storeOrigin: new URL(context.pageUrl).origin,
    storeName: storeNameOf(document, graph, product),
    title: name,
    description,
    currency,
    images: [
      ...imageUrls(product.image, graph, context.pageUrl),
      ...members.flatMap((member) => imageUrls(member.image, graph, context.pageUrl)),
    ],
    variants,
    productType: text(product.category),
    vendor: nameOf(product.brand, graph) ?? nameOf(product.manufacturer, graph),
    tags: keywords,
  });
  return result.ok ? result : { ok: false, error: { code: "INVALID_PRODUCT", message: result.message } };
}

/** The priceCurrency a page's Product states, for a Shopify store whose JSON carries none. */
export function findJsonLdCurrency(html: string, pageUrl: string): string | null {
  const graph = buildGraph(extractJsonLd(html));
  const product = pickProduct(graph, pageUrl);
  if (!product) return null;
  const defaults: OfferDefaults = { currency: null, availability: undefined };
  const members = asArray(product.hasVariant)
    .map((member) => deref(member, graph))
    .filter(isNode);
  return firstCurrency([
    ...offersOf(product.offers, graph, defaults),
    ...members.flatMap((member) => offersOf(member.offers, graph, defaults)),
  ]);
}

/** The shop's own name as the page states it (Organization/WebSite, seller, og:site_name). */
export function findStoreName(html: string, pageUrl: string): string | null {
  const graph = buildGraph(extractJsonLd(html));
  const product = pickProduct(graph, pageUrl);
  return storeNameOf(html, graph, product ?? {});
}
