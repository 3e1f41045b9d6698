import crypto from "node:crypto";
import { fromFen, type QuoteContext, type QuoteError, type QuoteRequest, type QuoteResult } from "~/domain/landed-cost";
import { dutiableFen, maskName, maskResidentId, type ChinaAddress, type OrderStatus } from "~/domain/orders";
import type { SessionUser } from "~/utils/auth.server";
import { db, Prisma } from "~/utils/db.server";
import { encryptIdentity } from "~/utils/identity-crypto.server";
import { cartQuoteRequest, getCart, type Cart } from "./cart.server";
import { recordEvent } from "./order-events.server";
import { publishOrderChange } from "./order-feed.server";
import { payOrder } from "./order-payment.server";
import { findShippingLine } from "./pricing-context.server";
import { getAnnualCbecUsedCny, quoteAcrossLines, quoteDocument } from "./quote.server";
import { getBalanceFen } from "./wallet.server";

// Checkout locks a quote: the cart, priced on one shipping line, stored with its whole context and
// valid for the quote window. The order charges exactly that quote's total. Placing is idempotent:
// one idempotency key (and one quote) makes at most one order.

export type LockedQuote = { id: string; total: string; totalFen: number; validUntil: string; result: QuoteResult; lineCode: string; regime: "POSTAL" | "CBEC" };

type StoredQuoteRow = { id: string; request: string; context: string; result: string; totalFen: number; validUntil: Date };

function toLocked(row: StoredQuoteRow): LockedQuote {
  const result = JSON.parse(row.result) as QuoteResult;
  const context = JSON.parse(row.context) as QuoteContext;
  return { id: row.id, total: result.total, totalFen: row.totalFen, validUntil: row.validUntil.toISOString(), result, lineCode: context.shippingLine.code, regime: context.shippingLine.customsRegime };
}

/** The cart's request on today's listing prices and this year's CBEC allowance. */
async function currentRequest(userId: string, cart: Cart, insurance: boolean, now: Date) {
  return cartQuoteRequest(cart, { insurance, annualCbecUsedCny: await getAnnualCbecUsedCny(userId, now) });
}

/**
 * The shopper's unexpired quote for exactly this request on this line, or a new one. Reusing it
 * means a reload, a second tab or a double click all point at the same quote, hence one order.
 */
async function lockQuote(userId: string, request: QuoteRequest, lineCode: string, now: Date): Promise<{ ok: true; quote: LockedQuote } | { ok: false; error: QuoteError }> {
  const requestJson = JSON.stringify(request);
  const candidates = await db.quote.findMany({
    where: { userId, request: requestJson, validUntil: { gt: now } },
    select: { id: true, request: true, context: true, result: true, totalFen: true, validUntil: true },
    orderBy: { createdAt: "desc" },
    take: 10,
  });
  const reusable = candidates.map(toLocked).find((quote) => quote.lineCode === lineCode);
  if (reusable) {
    const used = await db.order.findUnique({ where: { quoteId: reusable.id }, select: { id: true } });
    if (!used) return { ok: true, quote: reusable };
  }
  const outcome = await quoteDocument({ request, context: { shippingLine: lineCode } }, { userId, store: true, now });
  if (!outcome.ok) return { ok: false, error: outcome.error };
  const row = await db.quote.findUniqueOrThrow({ where: { id: outcome.quoteId ?? "" }, select: { id: true, request: true, context: true, result: true, totalFen: true, validUntil: true } });
  return { ok: true, quote: toLocked(row) };
}

export type CheckoutLine = {
  code: string;
  nameZh: string;
  nameEn: string;
  customsRegime: string;
  etaDaysMin: number;
  etaDaysMax: number;
  cheapest: boolean;
  fastest: boolean;
  total: string | null;
  error: QuoteError | null;
};

/** The checkout page: the cart, every line of its origin with its landed total, and the chosen line's locked quote. */
export async function getCheckout(user: SessionUser, options: { lineCode?: string | null; insurance?: boolean; now?: Date } = {}) {
  const now = options.now ?? new Date();
  const insurance = options.insurance ?? false;
  const cart = await getCart(user.id);
  const blocked = cart.lines.length === 0 ? "empty" : cart.lines.some((line) => !line.buyable) ? "unavailable" : null;
  const base = { cart, insurance, balanceFen: await getBalanceFen(user.id) };
  const none: CheckoutLine[] = [];
  if (blocked || !cart.store) return { ...base, blocked, lines: none, locked: null, lockError: null, selectedLine: null };

  const request = await currentRequest(user.id, cart, insurance, now);
  const across = await quoteAcrossLines(request, { origin: cart.store.country, now });
  if (!across.ok) return { ...base, blocked: null, lines: none, locked: null, lockError: across.error, selectedLine: null };
  const quotable = across.quotes.filter((entry) => entry.outcome.ok);
  const selected = quotable.find((entry) => entry.line.code === options.lineCode) ?? quotable.find((entry) => entry.line.isDefault) ?? quotable[0] ?? null;
  const lines: CheckoutLine[] = across.quotes.map((entry) => ({
    code: entry.line.code,
    nameZh: entry.line.nameZh,
    nameEn: entry.line.nameEn,
    customsRegime: entry.line.customsRegime,
    etaDaysMin: entry.line.etaDaysMin,
    etaDaysMax: entry.line.etaDaysMax,
    cheapest: entry.cheapest,
    fastest: entry.fastest,
    total: entry.outcome.ok ? entry.outcome.quote.total : null,
    error: entry.outcome.ok ? null : entry.outcome.error,
  }));
  if (!selected) return { ...base, blocked: null, lines, locked: null, lockError: null, selectedLine: null };
  const lock = await lockQuote(user.id, request, selected.line.code, now);
  return { ...base, blocked: null, lines, locked: lock.ok ? lock.quote : null, lockError: lock.ok ? null : lock.error, selectedLine: selected.line.code };
}

export type PlaceInput = {
  quoteId: string;
  idempotencyKey: string;
  address: ChinaAddress;
  identity?: { realName: string; residentId: string } | null;
};

export type PlaceOutcome =
  | { ok: true; orderId: string; number: string; paid: boolean; existing: boolean }
  | { ok: false; reason: "quoteNotFound" | "identityRequired" | "cartEmpty" | "cartUnavailable" }
  /** The quote expired or the cart moved on: here is the new one; the shopper confirms its total. */
  | { ok: false; reason: "quoteExpired" | "cartChanged"; previousTotal: string; quote: LockedQuote }
  | { ok: false; reason: "quoteFailed"; error: QuoteError };

const quoteRowSelect = { id: true, request: true, context: true, result: true, totalFen: true, validUntil: true } as const;

async function existingOrder(userId: string, idempotencyKey: string, quoteId: string) {
  return db.order.findFirst({ where: { userId, OR: [{ idempotencyKey }, { quoteId }] }, select: { id: true, number: true, status: true } });
}

/** A retry that lost the race to the call placing its order (cart emptied, allowance used) gets that order. */
async function placedMeanwhile(userId: string, input: PlaceInput, quoteId: string): Promise<PlaceOutcome | null> {
  const winner = await existingOrder(userId, input.idempotencyKey, quoteId);
  return winner ? { ok: true, orderId: winner.id, number: winner.number, paid: winner.status !== "PENDING_PAYMENT", existing: true } : null;
}

function orderNumber(now: Date) {
  const day = new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(2, 10).replaceAll("-", "");
  return `DG${day}${crypto.randomBytes(4).toString("hex").toUpperCase()}`;
}

/**
 * Places the order the shopper confirmed: the locked quote (theirs, unexpired, for the cart as it is
 * now) becomes an order charging its total, and is paid from the wallet when the balance covers it.
 * Client amounts are never read. A repeated key or quote returns the order the first call made.
 */
export async function placeOrder(user: SessionUser, input: PlaceInput, now = new Date()): Promise<PlaceOutcome> {
  const row = await db.quote.findFirst({ where: { id: input.quoteId, userId: user.id }, select: quoteRowSelect });
  if (!row) return { ok: false, reason: "quoteNotFound" };
  const repeat = await existingOrder(user.id, input.idempotencyKey, row.id);
  if (repeat) return { ok: true, orderId: repeat.id, number: repeat.number, paid: repeat.status !== "PENDING_PAYMENT", existing: true };

  const locked = toLocked(row);
  const cart = await getCart(user.id);
  if (cart.lines.length === 0 || !cart.store) return (await placedMeanwhile(user.id, input, row.id)) ?? { ok: false, reason: "cartEmpty" };
  if (cart.lines.some((line) => !line.buyable)) return { ok: false, reason: "cartUnavailable" };
  const stored = JSON.parse(row.request) as QuoteRequest;
  const request = await currentRequest(user.id, cart, stored.insurance, now);
  const changed = JSON.stringify(request) !== row.request;
  if (changed || row.validUntil <= now) {
    const placed = await placedMeanwhile(user.id, input, row.id);
    if (placed) return placed;
    const fresh = await lockQuote(user.id, request, locked.lineCode, now);
    if (!fresh.ok) return { ok: false, reason: "quoteFailed", error: fresh.error };
    return { ok: false, reason: changed ? "cartChanged" : "quoteExpired", previousTotal: locked.total, quote: fresh.quote };
  }
  if (locked.regime === "CBEC" && !input.identity) return { ok: false, reason: "identityRequired" };
  const line = await findShippingLine(locked.lineCode);

  let created: { id: string; number: string };
  try {
    created = await db.$transaction(async (tx) => {
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
          currency: cart.currency ?? "",
          shippingLineCode: locked.lineCode,
          customsRegime: line?.customsRegime ?? locked.regime,
          status: "PENDING_PAYMENT" satisfies OrderStatus,
          totalFen: row.totalFen,
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
            })),
          },
        },
        select: { id: true, number: true },
      });
      await recordEvent(tx, { orderId: id, kind: "STATUS", actorId: user.id, actorRole: "SHOPPER", toStatus: "PENDING_PAYMENT", messageKey: "placed", params: { total: fromFen(row.totalFen) } }, now);
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

/** The customs regime of a shopper's own stored quote (POSTAL when it is not theirs or not there): decides whether checkout asks for an ID. */
export async function quoteRegime(userId: string, quoteId: string): Promise<"POSTAL" | "CBEC"> {
  const quote = await db.quote.findFirst({ where: { id: quoteId, userId }, select: { context: true } });
  return quote && (JSON.parse(quote.context) as QuoteContext).shippingLine.customsRegime === "CBEC" ? "CBEC" : "POSTAL";
}
