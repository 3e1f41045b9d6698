import type { Packing, QuoteItem, QuoteRequest } from "~/domain/landed-cost";
import { MAX_CART_QUANTITY } from "~/domain/orders/cart-forms";
import { parcelDimensions, variantParcel, type Parcel } from "~/domain/catalog/variant-parcel";
import {
  checkPersonalization,
  personalizationDeclarationSchema,
  personalizationKey,
  personalizationValuesSchema,
  type PersonalizationError,
  type PersonalizationValues,
} from "~/domain/catalog/personalization";
import { fromJsonColumn } from "~/domain/stored";
import { db } from "~/utils/db.server";
import { isUniqueViolation } from "~/utils/db-locks.server";
import { calculateLandedCost, isDefaultPacking } from "~/domain/landed-cost";
import { findDefaultShippingLine, toContextLine } from "./pricing-context.server";
import { getAnnualCbecUsedCny, loadPricingContext } from "./quote.server";
import { listingVariantSelect } from "./catalog.server";

// The cart is one parcel bought from one foreign store: one foreign order, one currency, one
// shipment. Adding goods from another store is refused with a message, never silently split.

const cartItemSelect = {
  id: true,
  quantity: true,
  variantId: true,
  personalization: true,
  listing: {
    select: {
      id: true,
      title: true,
      titleZh: true,
      localizationStatus: true,
      price: true,
      currency: true,
      available: true,
      status: true,
      weightGrams: true,
      lengthCm: true,
      widthCm: true,
      heightCm: true,
      taxCategory: true,
      sourceUrl: true,
      oneOffUserId: true,
      domesticShipping: true,
      store: { select: { id: true, name: true, country: true } },
      images: { select: { url: true }, orderBy: { position: "asc" as const }, take: 1 },
      variants: {
        select: listingVariantSelect,
      },
    },
  },
} as const;

type CartVariant = { id: string; title: string; titleZh: string; price: string; available: boolean } & Parcel;

export type CartLine = Omit<Awaited<ReturnType<typeof loadCartRows>>[number], "personalization"> & {
  personalization: PersonalizationValues;
  variant: CartVariant | null;
  unitPrice: string;
  buyable: boolean;
};

function loadCartRows(userId: string) {
  return db.cartItem.findMany({ where: { userId }, select: cartItemSelect, orderBy: { createdAt: "asc" } });
}

export async function getCart(userId: string) {
  const rows = await loadCartRows(userId);
  const lines: CartLine[] = rows.map((row) => {
    const variant = row.variantId ? (row.listing.variants.find((candidate) => candidate.id === row.variantId) ?? null) : null;
    // A one-off listing (a "buy anything" request) is buyable by its own shopper only.
    const listed = row.listing.status === "PUBLISHED" || (row.listing.status === "PRIVATE" && row.listing.oneOffUserId === userId);
    const buyable = listed && row.listing.available && (!row.variantId || Boolean(variant?.available));
    const personalization =
      row.personalization === "" ? [] : fromJsonColumn(personalizationValuesSchema, "CartItem.personalization", row.personalization);
    return { ...row, personalization, variant, unitPrice: variant?.price ?? row.listing.price, buyable };
  });
  const store = lines[0]?.listing.store ?? null;
  return { lines, store, currency: lines[0]?.listing.currency ?? null };
}

export type Cart = Awaited<ReturnType<typeof getCart>>;

export type AddToCartOutcome =
  | { ok: true }
  | { ok: false; error: "notFound" | "unavailable" | "otherStore" | "tooMany"; storeName?: string }
  | { ok: false; error: "personalization"; errors: PersonalizationError[] };

/**
 * `personalize` reads what the shopper typed into each field the listing declares (by its key); the text is
 * checked against the declaration before anything is written, and the same text makes the same cart line.
 */
export async function addToCart(
  userId: string,
  listingId: string,
  variantId: string | undefined,
  quantity: number,
  personalize: (key: string) => string | null | undefined = () => undefined,
): Promise<AddToCartOutcome> {
  const listing = await db.listing.findFirst({
    where: { id: listingId, OR: [{ status: "PUBLISHED" }, { status: "PRIVATE", oneOffUserId: userId }] },
    select: { id: true, available: true, storeId: true, personalization: true, variants: { select: { id: true, available: true } } },
  });
  if (!listing) return { ok: false, error: "notFound" };
  const declared = fromJsonColumn(personalizationDeclarationSchema, "Listing.personalization", listing.personalization);
  const personal = checkPersonalization(declared, personalize);
  if (!personal.ok) return { ok: false, error: "personalization", errors: personal.errors };
  // A listing with variants needs one chosen; the first available stands in when the form sent none.
  const variant =
    listing.variants.length === 0
      ? null
      : (listing.variants.find((candidate) => candidate.id === variantId) ??
        (variantId ? undefined : listing.variants.find((candidate) => candidate.available)));
  if (!listing.available || variant === undefined || (variant && !variant.available)) return { ok: false, error: "unavailable" };
  const other = await db.cartItem.findFirst({
    where: { userId, listing: { storeId: { not: listing.storeId } } },
    select: { listing: { select: { store: { select: { name: true } } } } },
  });
  if (other) return { ok: false, error: "otherStore", storeName: other.listing.store.name };
  if (quantity > MAX_CART_QUANTITY) return { ok: false, error: "tooMany" };
  const key = { userId, listingId, variantId: variant?.id ?? "", personalization: personalizationKey(personal.values) };
  // Two adds at once (a double tap, two tabs) both count: the line grows by a relative, conditional
  // update (never past the maximum), and a line two adds create at once is made by one of them, the
  // other then growing it (the unique key refuses the second insert).
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const grown = await db.cartItem.updateMany({
      where: { ...key, quantity: { lte: MAX_CART_QUANTITY - quantity } },
      data: { quantity: { increment: quantity } },
    });
    if (grown.count > 0) return { ok: true };
    const line = await db.cartItem.findUnique({ where: { userId_listingId_variantId_personalization: key }, select: { quantity: true } });
    if (line && line.quantity > MAX_CART_QUANTITY - quantity) return { ok: false, error: "tooMany" };
    // Made by another add since the update: grow it on the next turn.
    if (line) continue;
    try {
      await db.cartItem.create({ data: { ...key, quantity } });
      return { ok: true };
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
  }
  throw new Error(`cart line ${listingId} kept changing while being added to`);
}

/** Scoped by owner: another shopper's item id changes nothing. */
export async function setCartQuantity(userId: string, itemId: string, quantity: number) {
  return (await db.cartItem.updateMany({ where: { id: itemId, userId }, data: { quantity } })).count > 0;
}

export async function removeCartItem(userId: string, itemId: string) {
  return (await db.cartItem.deleteMany({ where: { id: itemId, userId } })).count > 0;
}

/**
 * The cart's landed total: every buyable line quoted together, as one parcel, on the default line of
 * the store's country, by the same calculator checkout uses (which then shows every line). Null when
 * the cart is empty or its country has no line.
 */
export async function quoteCart(userId: string, cart: Cart, now = new Date()) {
  const buyable = { ...cart, lines: cart.lines.filter((line) => line.buyable) };
  if (!cart.store || buyable.lines.length === 0) return null;
  const [loaded, line, annualCbecUsedCny] = await Promise.all([
    loadPricingContext(undefined, now),
    findDefaultShippingLine(cart.store.country),
    getAnnualCbecUsedCny(userId, now),
  ]);
  if (!line) return null;
  const excluded = cart.lines.length - buyable.lines.length;
  if (!loaded.ok) return { line, excluded, outcome: { ok: false as const, error: loaded.error } };
  const { fxSnapshotId: _ignored, ...shared } = loaded.shared;
  const request = cartQuoteRequest(buyable, { insurance: false, annualCbecUsedCny });
  return { line, excluded, outcome: calculateLandedCost(request, { ...shared, shippingLine: toContextLine(line) }) };
}

/** The header's cart badge: units, not lines (one query). */
export async function countCartUnits(userId: string) {
  const result = await db.cartItem.aggregate({ where: { userId }, _sum: { quantity: true } });
  return result._sum.quantity ?? 0;
}

/** The calculator's request for the cart as it is now: today's listing prices, never the client's. */
export function cartQuoteRequest(cart: Cart, options: { insurance: boolean; annualCbecUsedCny: string; packing?: Packing }): QuoteRequest {
  const items: QuoteItem[] = cart.lines.map((line) => {
    const { listing } = line;
    const parcel = variantParcel(listing, line.variant);
    return {
      title: line.variant ? `${listing.title} (${line.variant.title})` : listing.title,
      price: line.unitPrice,
      currency: listing.currency,
      quantity: line.quantity,
      weightGrams: parcel.weightGrams ?? 0,
      ...parcelDimensions(parcel),
      taxCategory: listing.taxCategory,
      domesticShipping: listing.domesticShipping ?? "0",
    };
  });
  // The default packing is left out, so a request is spelled as it was before packing options existed.
  const packing = options.packing && !isDefaultPacking(options.packing) ? { packing: { ...options.packing } } : {};
  return { items, insurance: options.insurance, annualCbecUsedCny: options.annualCbecUsedCny, ...packing };
}
