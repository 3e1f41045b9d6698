import type { NormalizedListing } from "~/domain/catalog/normalized-listing";
import type { FetchErrorCode } from "~/integrations/http/http-client.server";

/** What reading a store's answer can find wrong, on top of what fetching it can. */
export type ParseErrorCode =
  | "NO_PRODUCT_DATA" // an HTML page without a schema.org Product
  | "UNEXPECTED_SHAPE" // JSON, but not the document asked for
  | "CURRENCY_UNKNOWN" // prices without a stated currency: never guessed
  | "INVALID_PRODUCT"; // a product whose data fails the normalized schema

export type StoreErrorCode = FetchErrorCode | ParseErrorCode;

export type StoreError = { code: StoreErrorCode; message: string; retryAfterSeconds?: number };
export type ParseError = { code: ParseErrorCode; message: string };

export type ParseResult = { ok: true; listing: NormalizedListing } | { ok: false; error: ParseError };

export type StoreResult =
  | { ok: true; notModified: false; listing: NormalizedListing; etag: string | null; lastModified: string | null }
  | { ok: true; notModified: true }
  | { ok: false; error: StoreError };

export type CatalogItem = { ok: true; listing: NormalizedListing } | { ok: false; error: StoreError };
