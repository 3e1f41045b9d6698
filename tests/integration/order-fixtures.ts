import crypto from "node:crypto";
import type { QuoteContext, QuoteRequest, QuoteResult } from "~/domain/landed-cost";
import { residentIdCheckCode, type ChinaAddress, type OrderStatus } from "~/domain/orders";
import { addToCart } from "~/services/cart.server";
import { getCheckout, placeOrder, type PlaceInput } from "~/services/checkout.server";
import { recordPriceCheck } from "~/services/order-price-check.server";
import { transitionOrder, type TransitionActor } from "~/services/order-transitions.server";
import { decideTopUp, ledgerSum, requestTopUp } from "~/services/wallet.server";
import type { SessionUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { createTestUser } from "./helpers";
import { seedPricing } from "./pricing-fixtures";

// The world an order test needs: today's rates (so quotes made with the real clock are fresh), the
// demo shipping lines, one US store with a published 100.00 USD, 500 g electronics listing (and a 20.00 USD, 200 g one), and
// shoppers, agents and an admin as the services see them.

export const ADDRESS: ChinaAddress = {
  province: "广东省",
  city: "深圳市",
  district: "南山区",
  street: "科技园路1号",
  recipientName: "张三",
  mobile: "13800138000",
};

const first17 = "11010519491231002";
export const IDENTITY = { realName: "张三丰", residentId: `${first17}${residentIdCheckCode(first17)}` };

export const US_POSTAL = "us-postal-ems";
export const US_CBEC = "us-cbec-bonded";

export async function seedOrderWorld() {
  await seedPricing(db, new Date().toISOString());
  await db.category.create({ data: { slug: "audio", nameZh: "音频", nameEn: "Audio", taxCategory: "electronics" } });
  const store = await db.store.create({
    data: { slug: "us-audio", name: "US Audio", country: "US", currency: "USD", platform: "MANUAL", baseUrl: "https://us-audio.example" },
  });
  const listing = await createListing(store.id, { price: "100.00", weightGrams: 500 });
  // Cheap enough that several fit one postal parcel (goods of at most 1,000 CNY).
  const cheap = await createListing(store.id, { price: "20.00", weightGrams: 200 });
  return { storeId: store.id, listingId: listing.id, cheapListingId: cheap.id };
}

export async function createListing(
  storeId: string,
  fields: { price: string; weightGrams: number; taxCategory?: string; customMade?: boolean },
) {
  const handle = crypto.randomUUID();
  return db.listing.create({
    data: {
      storeId,
      categorySlug: "audio",
      sourceUrl: `https://us-audio.example/products/${handle}`,
      title: `Headphones ${handle.slice(0, 6)}`,
      description: "Closed-back headphones",
      titleZh: "头戴式耳机",
      descriptionZh: "封闭式耳机",
      status: "PUBLISHED",
      price: fields.price,
      currency: "USD",
      weightGrams: fields.weightGrams,
      taxCategory: fields.taxCategory ?? "electronics",
      customMade: fields.customMade ?? false,
    },
    select: { id: true, price: true, weightGrams: true },
  });
}

/** A user as the services see them, with a session cookie for the routes. */
export async function sessionUser(role: SessionUser["role"]): Promise<SessionUser & { cookie: string }> {
  const user = await createTestUser(role);
  return { id: user.id, email: user.email, name: `${role} tester`, role, cookie: user.cookie };
}

let admin: SessionUser | null = null;

/** A confirmed bank-transfer top-up, the way money really enters a wallet. */
export async function deposit(userId: string, amountFen: number) {
  admin ??= await sessionUser("ADMIN");
  const topUp = await requestTopUp(userId, amountFen);
  const decided = await decideTopUp(admin, topUp.id, "CONFIRM");
  if (!decided.ok) throw new Error(`top-up not confirmed: ${decided.reason}`);
}

export async function balanceOf(userId: string) {
  return (await db.walletAccount.findUnique({ where: { userId } }))?.balanceFen ?? 0;
}

export async function wallet(userId: string) {
  return { balanceFen: await balanceOf(userId), ledgerFen: await ledgerSum(userId) };
}

/** The shopper's cart holds `quantity` of the listing and the checkout page locks a quote on `lineCode`. */
export async function lockedCheckout(
  user: SessionUser,
  listingId: string,
  options: { quantity?: number; lineCode?: string; now?: Date } = {},
) {
  const added = await addToCart(user.id, listingId, undefined, options.quantity ?? 1);
  if (!added.ok) throw new Error(`could not add to cart: ${added.error}`);
  const checkout = await getCheckout(user, { lineCode: options.lineCode ?? US_POSTAL, ...(options.now ? { now: options.now } : {}) });
  if (!checkout.locked) throw new Error(`checkout locked no quote: ${JSON.stringify(checkout.lockError ?? checkout.blocked)}`);
  return checkout.locked;
}

export function placeInput(quoteId: string, extra: Partial<PlaceInput> = {}): PlaceInput {
  return { quoteId, idempotencyKey: crypto.randomUUID(), address: ADDRESS, ...extra };
}

/** Cart → checkout → place: the order, paid from the wallet when the balance covers it. */
export async function placeNewOrder(user: SessionUser, listingId: string, options: { quantity?: number; lineCode?: string } = {}) {
  const locked = await lockedCheckout(user, listingId, options);
  const identity = locked.regime === "CBEC" ? IDENTITY : null;
  const placed = await placeOrder(user, placeInput(locked.id, { identity }));
  if (!placed.ok) throw new Error(`order not placed: ${placed.reason}`);
  return { ...placed, locked };
}

export async function orderRow(orderId: string) {
  return db.order.findUniqueOrThrow({ where: { id: orderId } });
}

export async function eventCount(orderId: string) {
  return db.orderEvent.count({ where: { orderId } });
}

export async function storedQuote(quoteId: string) {
  const row = await db.quote.findUniqueOrThrow({ where: { id: quoteId } });
  return {
    ...row,
    request: JSON.parse(row.request) as QuoteRequest,
    context: JSON.parse(row.context) as QuoteContext,
    result: JSON.parse(row.result) as QuoteResult,
  };
}

export function lineFen(result: QuoteResult, code: string) {
  const amount = result.lines.find((line) => line.code === code)?.amount ?? "0";
  return Math.round(Number(amount) * 100);
}

export const PAYLOADS = {
  purchased: { foreignOrderNumber: "US-1001", actualCost: "100.00" },
  atWarehouse: { weightGrams: 500, dimensionsCm: [20, 15, 10], photos: ["0123456789abcdef0123456789abcdef.jpg"] },
  shipped: { carrier: "EMS", trackingNumber: "EA123456789CN" },
  evidenceUrl: "https://us-audio.example/account/orders/US-1001",
} as const;

/** A price-check payload: every item of the order at `prices` (default: as quoted), in stock unless said otherwise. */
export async function checkPayload(orderId: string, options: { prices?: string[]; outOfStock?: number[]; storeShipping?: string } = {}) {
  const { quoteId } = await orderRow(orderId);
  const { request } = await storedQuote(quoteId);
  return {
    items: request.items.map((item, position) => ({
      position,
      price: options.prices?.[position] ?? item.price,
      inStock: !options.outOfStock?.includes(position),
    })),
    ...(options.storeShipping === undefined ? {} : { storeShipping: options.storeShipping }),
    evidenceUrl: "https://us-audio.example/products/checked",
  };
}

/** The agent records a price check and it must be accepted (whatever its outcome); the outcome comes back. */
export async function checkPrice(actor: TransitionActor, orderId: string, options: Parameters<typeof checkPayload>[1] = {}) {
  const { version } = await orderRow(orderId);
  const outcome = await recordPriceCheck(actor, orderId, { version, payload: await checkPayload(orderId, options) });
  if (!outcome.ok) throw new Error(`price check refused: ${outcome.code} ${JSON.stringify(outcome.fieldErrors ?? {})}`);
  return outcome;
}

/** PURCHASING → a price check at the quoted prices → PURCHASED for `actualCost` (with the store's order page as evidence). */
export async function purchase(
  actor: TransitionActor,
  orderId: string,
  payload: { foreignOrderNumber: string; actualCost: string; evidenceUrl?: string } = PAYLOADS.purchased,
) {
  await checkPrice(actor, orderId);
  return move(actor, orderId, "PURCHASED", { evidenceUrl: PAYLOADS.evidenceUrl, ...payload });
}

/** Moves an order one step and fails loudly if the step is refused. */
export async function move(actor: TransitionActor, orderId: string, to: OrderStatus, payload: unknown = {}) {
  const { version } = await orderRow(orderId);
  const outcome = await transitionOrder(actor, orderId, { to, version, payload });
  if (!outcome.ok) throw new Error(`${to} refused: ${outcome.code} ${JSON.stringify(outcome.fieldErrors ?? {})}`);
  return outcome.status;
}

export const asActor = (user: SessionUser): TransitionActor => ({ id: user.id, role: user.role });
