import crypto from "node:crypto";
import {
  DEFAULT_PACKING,
  fromFen,
  quoteResultSchema,
  type Packing,
  toFen,
  type QuoteContext,
  type QuoteError,
  type QuoteRequest,
  type QuoteResult,
} from "~/domain/landed-cost";
import { dutiableFen, maskName, maskResidentId, type ChinaAddress, type OrderStatus } from "~/domain/orders";
import { chooseCheckoutLine } from "~/domain/orders/line-choice";
import type { SessionUser } from "~/utils/auth.server";
import { db, Prisma, type Tx } from "~/utils/db.server";
import { lockRow, transactionWithRetry } from "~/utils/db-locks.server";
import { encryptIdentity } from "~/utils/identity-crypto.server";
import { checkoutArrivals } from "./arrival-estimates.server";
import { cartQuoteRequest, getCart, type Cart } from "./cart.server";
import { recordEvent } from "./order-events.server";
import { publishOrderChange } from "./order-feed.server";
import { payOrder } from "./order-payment.server";
import { findShippingLine, listShippingLines } from "./pricing-context.server";
import { getAnnualCbecUsedCny, quoteAcrossLines, quoteDocument } from "./quote.server";
import { getBalanceFen } from "./wallet.server";
import { chinaDayStamp } from "~/domain/china-time";
import { fromJsonColumn } from "~/domain/stored";

// Checkout locks a quote: the cart, priced on one shipping line, stored with its whole context and
// valid for the quote window. The order charges exactly that quote's total. Placing is idempotent:
// one idempotency key (and one quote) makes at most one order. A quote an order was placed with is
// marked used (Quote.usedAt, a conditional update in the placing transaction) and is never locked or
// placed again, even after the order is re-based on another quote.

export type LockedQuote = {
  id: string;
  total: string;
  totalFen: number;
  validUntil: string;
  result: QuoteResult;
  lineCode: string;
  regime: "POSTAL" | "CBEC";
};

const quoteRowSelect = { id: true, request: true, context: true, result: true, totalFen: true, validUntil: true, usedAt: true } as const;

type StoredQuoteRow = { id: string; request: string; context: string; result: string; totalFen: number; validUntil: Date };

function toLocked(row: StoredQuoteRow): LockedQuote {
  const result = fromJsonColumn(quoteResultSchema, "Quote.result", row.result);
  const context = JSON.parse(row.context) as QuoteContext;
  return {
    id: row.id,
    total: result.total,
    totalFen: row.totalFen,
    validUntil: row.validUntil.toISOString(),
    result,
    lineCode: context.shippingLine.code,
    regime: context.shippingLine.customsRegime,
  };
}

/** The cart's request on today's listing prices and this year's CBEC allowance. */
async function currentRequest(userId: string, cart: Cart, insurance: boolean, packing: Packing, now: Date) {
  return cartQuoteRequest(cart, { insurance, packing, annualCbecUsedCny: await getAnnualCbecUsedCny(userId, now) });
}

/** The packing a stored request asked for (none: the boxes kept, no extra protection). */
function requestPacking(request: QuoteRequest): Packing {
  return request.packing ?? DEFAULT_PACKING;
}

const samePacking = (a: Packing, b: Packing) => a.removeBoxes === b.removeBoxes && a.extraProtection === b.extraProtection;

/**
 * The shopper's unexpired, unused quote for exactly this request on this line, or a new one. Reusing
 * it means a reload, a second tab or a double click all point at the same quote, hence one order. A
 * quote an order was placed with is used for good: the same cart bought again gets a quote of its own.
 */
async function lockQuote(
  userId: string,
  request: QuoteRequest,
  lineCode: string,
  now: Date,
): Promise<{ ok: true; quote: LockedQuote } | { ok: false; error: QuoteError }> {
  const requestJson = JSON.stringify(request);
  const candidates = await db.quote.findMany({
    where: { userId, request: requestJson, validUntil: { gt: now }, usedAt: null },
    select: quoteRowSelect,
    orderBy: { createdAt: "desc" },
    take: 10,
  });
  const reusable = candidates.map(toLocked).find((quote) => quote.lineCode === lineCode);
  if (reusable) {
    // A quote an order adopted or was keyed by without marking it (an accepted new quote, orders from before usedAt).
    const used = await db.order.findFirst({
      where: { userId, OR: [{ quoteId: reusable.id }, { idempotencyKey: reusable.id }] },
      select: { id: true },
    });
    if (!used) return { ok: true, quote: reusable };
  }
  const outcome = await quoteDocument({ request, context: { shippingLine: lineCode } }, { userId, store: true, now });
  if (!outcome.ok) return { ok: false, error: outcome.error };
  const row = await db.quote.findUniqueOrThrow({ where: { id: outcome.quoteId ?? "" }, select: quoteRowSelect });
  return { ok: true, quote: toLocked(row) };
}

export type CheckoutLine = {
  code: string;
  nameZh: string;
  nameEn: string;
  customsRegime: string;
  etaDaysMin: number;
  etaDaysMax: number;
  /** Packing fees per parcel on this line (CNY) and its free storage days at the warehouse. */
  removeBoxesFee: string;
  extraProtectionFee: string;
  freeStorageDays: number;
  /** When it would arrive if paid now, learned from this store's and line's past deliveries (ISO instant). */
  expectedAt: string | null;
  cheapest: boolean;
  fastest: boolean;
  total: string | null;
  error: QuoteError | null;
};

type Remembered = { lineCode: string; insurance: boolean | null; packing: Packing | null; source: "remembered" | "lastOrder" };

/**
 * The shopper's earlier pick: the line and insurance of their latest checkout quote for exactly these
 * goods (expired or not: it records what they chose on this page), else the line of their last order
 * from the same country. Either is only a preselection; the page shows it and says why.
 */
async function rememberedChoice(userId: string, requests: QuoteRequest[], originLineCodes: string[]): Promise<Remembered | null> {
  const quote = await db.quote.findFirst({
    where: { userId, request: { in: requests.map((request) => JSON.stringify(request)) } },
    select: { request: true, context: true },
    orderBy: { createdAt: "desc" },
  });
  if (quote) {
    const lineCode = (JSON.parse(quote.context) as QuoteContext).shippingLine.code;
    const request = JSON.parse(quote.request) as QuoteRequest;
    return { lineCode, insurance: request.insurance ?? false, packing: requestPacking(request), source: "remembered" };
  }
  const order = await db.order.findFirst({
    where: { userId, shippingLineCode: { in: originLineCodes } },
    select: { shippingLineCode: true },
    orderBy: { createdAt: "desc" },
  });
  return order ? { lineCode: order.shippingLineCode, insurance: null, packing: null, source: "lastOrder" } : null;
}

/**
 * The checkout page: the cart, every line of its origin with its landed total, and the selected line's
 * locked quote. The line is the one asked for when it can carry the cart, else the shopper's earlier
 * pick, else the cheapest eligible line; insurance is as asked, else as picked before, else off.
 */
export async function getCheckout(
  user: SessionUser,
  options: { lineCode?: string | null; insurance?: boolean; packing?: Packing; now?: Date } = {},
) {
  const now = options.now ?? new Date();
  const cart = await getCart(user.id);
  const blocked = cart.lines.length === 0 ? "empty" : cart.lines.some((line) => !line.buyable) ? "unavailable" : null;
  const balanceFen = await getBalanceFen(user.id);
  const none: CheckoutLine[] = [];
  const empty = {
    cart,
    balanceFen,
    lines: none,
    locked: null,
    lockError: null,
    selectedLine: null,
    selection: null,
    unavailableChoice: null,
  };
  if (blocked || !cart.store)
    return { ...empty, blocked, insurance: options.insurance ?? false, packing: options.packing ?? DEFAULT_PACKING };

  const annualCbecUsedCny = await getAnnualCbecUsedCny(user.id, now);
  const requestWith = (insurance: boolean, packing?: Packing) => cartQuoteRequest(cart, { insurance, packing, annualCbecUsedCny });
  const origin = cart.store.country;
  const originCodes = (await listShippingLines({ activeOnly: true }))
    .filter((line) => line.originCountry === origin)
    .map((line) => line.code);
  const remembered =
    options.lineCode && options.insurance !== undefined && options.packing !== undefined
      ? null
      : await rememberedChoice(
          user.id,
          [false, true].flatMap((insured) =>
            [false, true].flatMap((removeBoxes) =>
              [false, true].map((extraProtection) => requestWith(insured, { removeBoxes, extraProtection })),
            ),
          ),
          originCodes,
        );
  const insurance = options.insurance ?? remembered?.insurance ?? false;
  const packing = options.packing ?? remembered?.packing ?? DEFAULT_PACKING;
  const request = requestWith(insurance, packing);
  const across = await quoteAcrossLines(request, { origin, now });
  if (!across.ok) return { ...empty, blocked: null, insurance, packing, lockError: across.error };
  const arrivals = await checkoutArrivals(
    cart.store.id,
    across.quotes.map((entry) => entry.line.code),
    now,
  );
  const lines: CheckoutLine[] = across.quotes.map((entry) => ({
    code: entry.line.code,
    nameZh: entry.line.nameZh,
    nameEn: entry.line.nameEn,
    customsRegime: entry.line.customsRegime,
    etaDaysMin: entry.line.etaDaysMin,
    etaDaysMax: entry.line.etaDaysMax,
    removeBoxesFee: entry.line.removeBoxesFee,
    extraProtectionFee: entry.line.extraProtectionFee,
    freeStorageDays: entry.line.freeStorageDays,
    expectedAt: arrivals[entry.line.code]?.deliveredAt ?? null,
    cheapest: entry.cheapest,
    fastest: entry.fastest,
    total: entry.outcome.ok ? entry.outcome.quote.total : null,
    error: entry.outcome.ok ? null : entry.outcome.error,
  }));
  const candidates = across.quotes.map((entry) => ({
    code: entry.line.code,
    totalFen: entry.outcome.ok ? toFen(entry.outcome.quote.total) : null,
    etaDaysMax: entry.line.etaDaysMax,
    isDefault: entry.line.isDefault,
  }));
  const choice = chooseCheckoutLine(candidates, [
    { code: options.lineCode, source: "chosen" },
    ...(remembered ? [{ code: remembered.lineCode, source: remembered.source }] : []),
  ]);
  const unavailableChoice = choice?.unavailableChoice ?? null;
  if (!choice) return { ...empty, blocked: null, insurance, packing, lines, unavailableChoice };
  const lock = await lockQuote(user.id, request, choice.code, now);
  return {
    ...empty,
    blocked: null,
    insurance,
    packing,
    lines,
    locked: lock.ok ? lock.quote : null,
    lockError: lock.ok ? null : lock.error,
    selectedLine: choice.code,
    selection: choice.selection,
    unavailableChoice,
  };
}

export type Checkout = Awaited<ReturnType<typeof getCheckout>>;

/** What changed between the quote a posted form showed and the one locked for its choice. */
export type Requote = {
  reason: "lineChanged" | "insuranceChanged" | "packingChanged" | "quoteExpired" | "cartChanged";
  previousTotal: string;
  total: string;
};

/**
 * The checkout page for the choice a posted form carried (the line and insurance the shopper saw
 * selected) and, when the quote it locks is not the one the form showed, the old and new totals for
 * the shopper to confirm. Nothing is placed.
 */
export async function checkoutForChoice(
  user: SessionUser,
  form: { quoteId: string; lineCode: string; insurance: boolean; packing?: Packing },
  now = new Date(),
): Promise<{ checkout: Checkout; requote: Requote | null }> {
  const shown = await db.quote.findFirst({ where: { id: form.quoteId, userId: user.id }, select: quoteRowSelect });
  const packing = form.packing ?? DEFAULT_PACKING;
  const checkout = await getCheckout(user, { lineCode: form.lineCode, insurance: form.insurance, packing, now });
  const locked = checkout.locked;
  if (!locked || !shown || locked.id === shown.id) return { checkout, requote: null };
  const before = toLocked(shown);
  const shownRequest = JSON.parse(shown.request) as QuoteRequest;
  const insuranceBefore = shownRequest.insurance ?? false;
  const reason: Requote["reason"] =
    before.lineCode !== locked.lineCode
      ? "lineChanged"
      : insuranceBefore !== checkout.insurance
        ? "insuranceChanged"
        : !samePacking(requestPacking(shownRequest), checkout.packing)
          ? "packingChanged"
          : shown.validUntil <= now
            ? "quoteExpired"
            : "cartChanged";
  return { checkout, requote: { reason, previousTotal: before.total, total: locked.total } };
}

/** The customs regime of an active shipping line (it decides whether checkout asks for an ID), or null when there is no such line. */
export async function shippingLineRegime(code: string): Promise<"POSTAL" | "CBEC" | null> {
  const line = await findShippingLine(code);
  return line?.active ? (line.customsRegime === "CBEC" ? "CBEC" : "POSTAL") : null;
}

export type PlaceInput = {
  quoteId: string;
  idempotencyKey: string;
  address: ChinaAddress;
  identity?: { realName: string; residentId: string } | null;
  /** The line and insurance the shopper's form has selected; absent, the quote's own (seeds and tests placing a quote as it is). */
  choice?: { lineCode: string; insurance: boolean; packing?: Packing };
};

export type PlaceOutcome =
  | { ok: true; orderId: string; number: string; paid: boolean; existing: boolean }
  | { ok: false; reason: "quoteNotFound" | "identityRequired" | "cartEmpty" | "cartUnavailable" | "lineUnknown" }
  /**
   * The form's line or insurance is not the quote's, the quote expired or the cart moved on: here is
   * the quote for what the shopper sees now; they confirm its total. Nothing was placed.
   */
  | { ok: false; reason: Requote["reason"]; previousTotal: string; quote: LockedQuote }
  | { ok: false; reason: "quoteFailed"; error: QuoteError };

async function existingOrder(userId: string, idempotencyKey: string, quoteId: string) {
  return db.order.findFirst({ where: { userId, OR: [{ idempotencyKey }, { quoteId }] }, select: { id: true, number: true, status: true } });
}

/** A retry that lost the race to the call placing its order (cart emptied, allowance used) gets that order. */
async function placedMeanwhile(userId: string, input: PlaceInput, quoteId: string): Promise<PlaceOutcome | null> {
  const winner = await existingOrder(userId, input.idempotencyKey, quoteId);
  return winner ? { ok: true, orderId: winner.id, number: winner.number, paid: winner.status !== "PENDING_PAYMENT", existing: true } : null;
}

function orderNumber(now: Date) {
  const day = chinaDayStamp(now);
  return `DG${day}${crypto.randomBytes(4).toString("hex").toUpperCase()}`;
}

/**
 * Places the order the shopper confirmed: the locked quote (theirs, unexpired, for the cart as it is
 * now) becomes an order charging its total, and is paid from the wallet when the balance covers it.
 * Client amounts are never read. A repeated key or quote returns the order the first call made.
 */
export async function placeOrder(user: SessionUser, input: PlaceInput, now = new Date()): Promise<PlaceOutcome> {
  // A placement whose cart or CBEC allowance another placement changed between its checks and its
  // transaction starts again from the top: it then finds that order (same key or quote), an empty
  // cart, or a changed quote for the shopper to confirm. Twice is enough: the shopper's placements
  // take turns, so the second look sees everything committed before it.
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await placeOnce(user, input, now);
    } catch (error) {
      if (!(error instanceof CartMovedOn) || attempt >= 2) throw error;
    }
  }
}

/** Thrown inside the placing transaction: the cart, the allowance or the quote is no longer what was checked. */
class CartMovedOn extends Error {}

/**
 * Inside the placing transaction, under the shopper's row lock (PostgreSQL; SQLite's gate already
 * runs one transaction at a time): the cart still holds exactly the lines checked, and this year's
 * CBEC allowance is still the one the quote's request was priced on. Two tabs placing the same cart,
 * or two carts drawing on one allowance, cannot both pass.
 */
async function recheckInTransaction(tx: Tx, userId: string, cart: Cart, request: QuoteRequest, now: Date) {
  await lockRow(tx, "User", userId);
  const items = await tx.cartItem.findMany({ where: { userId }, select: { id: true, quantity: true } });
  const expected = new Map(cart.lines.map((line) => [line.id, line.quantity]));
  if (items.length !== expected.size || items.some((item) => expected.get(item.id) !== item.quantity)) throw new CartMovedOn("cart");
  if ((await getAnnualCbecUsedCny(userId, now, tx)) !== request.annualCbecUsedCny) throw new CartMovedOn("allowance");
}

/** Marks the quote used, once: a second placement (another key, another tab) finds it taken and starts again from the top. */
async function claimQuote(tx: Tx, userId: string, quoteId: string, now: Date) {
  const claimed = await tx.quote.updateMany({ where: { id: quoteId, userId, usedAt: null }, data: { usedAt: now } });
  if (claimed.count !== 1) throw new CartMovedOn("quote");
}

async function placeOnce(user: SessionUser, input: PlaceInput, now: Date): Promise<PlaceOutcome> {
  const row = await db.quote.findFirst({ where: { id: input.quoteId, userId: user.id }, select: quoteRowSelect });
  if (!row) return { ok: false, reason: "quoteNotFound" };
  const repeat = await existingOrder(user.id, input.idempotencyKey, row.id);
  if (repeat) return { ok: true, orderId: repeat.id, number: repeat.number, paid: repeat.status !== "PENDING_PAYMENT", existing: true };

  const locked = toLocked(row);
  const stored = JSON.parse(row.request) as QuoteRequest;
  const lineCode = input.choice?.lineCode ?? locked.lineCode;
  const insurance = input.choice?.insurance ?? stored.insurance ?? false;
  const packing = input.choice?.packing ?? requestPacking(stored);
  const line = await findShippingLine(lineCode);
  if (!line?.active) return { ok: false, reason: "lineUnknown" };
  const cart = await getCart(user.id);
  if (cart.lines.length === 0 || !cart.store) return (await placedMeanwhile(user.id, input, row.id)) ?? { ok: false, reason: "cartEmpty" };
  if (cart.lines.some((cartLine) => !cartLine.buyable)) return { ok: false, reason: "cartUnavailable" };
  // A line of another country cannot carry this store's parcel, whatever quote names it.
  if (line.originCountry !== cart.store.country) return { ok: false, reason: "lineUnknown" };
  const request = await currentRequest(user.id, cart, insurance, packing, now);
  const reason =
    lineCode !== locked.lineCode
      ? "lineChanged"
      : insurance !== (stored.insurance ?? false)
        ? "insuranceChanged"
        : !samePacking(packing, requestPacking(stored))
          ? "packingChanged"
          : JSON.stringify(request) !== row.request || row.usedAt
            ? // A used quote (its order since re-based, so no longer found by it) is priced afresh like a changed cart.
              "cartChanged"
            : row.validUntil <= now
              ? "quoteExpired"
              : null;
  if (reason) {
    const placed = await placedMeanwhile(user.id, input, row.id);
    if (placed) return placed;
    // What the shopper sees selected is priced afresh; the total they were shown is not charged.
    const fresh = await lockQuote(user.id, request, lineCode, now);
    if (!fresh.ok) return { ok: false, reason: "quoteFailed", error: fresh.error };
    return { ok: false, reason, previousTotal: locked.total, quote: fresh.quote };
  }
  if (locked.regime === "CBEC" && !input.identity) return { ok: false, reason: "identityRequired" };

  let created: { id: string; number: string };
  try {
    created = await transactionWithRetry(async (tx) => {
      await recheckInTransaction(tx, user.id, cart, request, now);
      await claimQuote(tx, user.id, row.id, now);
      const id = crypto.randomUUID();
      const identity = locked.regime === "CBEC" && input.identity ? input.identity : null;
      const order = await tx.order.create({
        data: {
          id,
          number: orderNumber(now),
          userId: user.id,
          idempotencyKey: input.idempotencyKey,
          quoteId: row.id,
          storeName: cart.store?.name ?? "",
          storeId: cart.store?.id ?? null,
          currency: cart.currency ?? "",
          shippingLineCode: locked.lineCode,
          customsRegime: line.customsRegime,
          status: "PENDING_PAYMENT" satisfies OrderStatus,
          totalFen: row.totalFen,
          // The free storage stated at checkout holds for this order whatever the line says later.
          freeStorageDays: line.freeStorageDays,
          dutiableFen: dutiableFen(locked.result),
          address: JSON.stringify(input.address),
          identityCipher: identity ? encryptIdentity(identity, id) : null,
          identityMasked: identity ? `${maskName(identity.realName)} ${maskResidentId(identity.residentId)}` : null,
          createdAt: now,
          lastEventAt: now,
          items: {
            create: cart.lines.map((cartLine, position) => ({
              position,
              listingId: cartLine.listing.id,
              variantId: cartLine.variant?.id ?? null,
              title: cartLine.listing.title,
              titleZh: cartLine.listing.titleZh,
              variantName: cartLine.variant ? cartLine.variant.titleZh || cartLine.variant.title : null,
              price: cartLine.unitPrice,
              quantity: cartLine.quantity,
              imageUrl: cartLine.listing.images[0]?.url ?? null,
              sourceUrl: cartLine.listing.sourceUrl,
              personalization: JSON.stringify(cartLine.personalization),
            })),
          },
        },
        select: { id: true, number: true },
      });
      await recordEvent(
        tx,
        {
          orderId: id,
          kind: "STATUS",
          actorId: user.id,
          actorRole: "SHOPPER",
          toStatus: "PENDING_PAYMENT",
          messageKey: "placed",
          params: { total: fromFen(row.totalFen) },
        },
        now,
      );
      await tx.cartItem.deleteMany({ where: { userId: user.id, id: { in: cart.lines.map((cartLine) => cartLine.id) } } });
      return order;
    });
  } catch (error) {
    // Another request with the same key or quote won the race: that order is this checkout's order.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      const winner = await existingOrder(user.id, input.idempotencyKey, row.id);
      if (winner) return { ok: true, orderId: winner.id, number: winner.number, paid: winner.status !== "PENDING_PAYMENT", existing: true };
    }
    throw error;
  }
  publishOrderChange(created.id);
  // The payment's event comes after the placing's on the timeline.
  const payment = await payOrder(user, created.id, new Date(now.getTime() + 1));
  return { ok: true, orderId: created.id, number: created.number, paid: payment.ok, existing: false };
}

/** The address of the shopper's last order, to fill the form with (never the buyer's identity). */
export async function lastDeliveryAddress(userId: string): Promise<Partial<ChinaAddress> | null> {
  const last = await db.order.findFirst({ where: { userId }, select: { address: true }, orderBy: { createdAt: "desc" } });
  return last ? (JSON.parse(last.address) as Partial<ChinaAddress>) : null;
}
