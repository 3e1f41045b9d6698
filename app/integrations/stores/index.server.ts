// The store adapters' public face: the import service and the price job use only this.
export { fetchListing, type FetchListingOptions } from "./fetch-listing.server";
export { fetchShopifyCatalog, type FetchCatalogOptions } from "./fetch-catalog.server";
export { parseJsonLdListing, extractJsonLd, findJsonLdCurrency, findStoreName, type JsonLdContext } from "./parse-json-ld";
export {
  parseShopifyProductJson,
  parseShopifyProductJs,
  parseShopifyCartCurrency,
  readShopifyProductsPage,
  normalizeShopifyJsonProduct,
  shopifyHandle,
  type ShopifyContext,
} from "./parse-shopify";
export type { CatalogItem, ParseError, ParseErrorCode, ParseResult, StoreError, StoreErrorCode, StoreResult } from "./types";
export type { NormalizedListing, NormalizedVariant } from "~/domain/catalog/normalized-listing";
