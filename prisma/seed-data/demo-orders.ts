import type { Db } from "~/utils/db.server";
import { hashPassword } from "~/utils/password.server";
import { parcelPhoto } from "./parcel-photo";
import { DEMO_PASSWORD } from "./reference";

// Orders for the demo, so an agent signing in finds work in the queue and the buyer has an order in
// every stage: placed through the same services a shopper's checkout uses (cart → locked quote → order
// → wallet) and moved along the order machine by the demo agent, never written by hand.

const DEMO_BUYER = { email: "buyer@example.com", name: "李雷", role: "SHOPPER" } as const;
const ADDRESS = {
  province: "浙江省",
  city: "杭州市",
  district: "西湖区",
  street: "文三路 90 号 3 幢 501",
  recipientName: "李雷",
  mobile: "13912345678",
};

export async function seedDemoOrders(db: Db) {
  if ((await db.order.count()) > 0) return 0;
  const { addToCart } = await import("~/services/cart.server");
  const { getCheckout, placeOrder } = await import("~/services/checkout.server");
  const { transitionOrder } = await import("~/services/order-transitions.server");
  const { postOrderMessage } = await import("~/services/orders.server");

  const buyer = await db.user.upsert({
    where: { email: DEMO_BUYER.email },
    create: { ...DEMO_BUYER, passwordHash: await hashPassword(DEMO_PASSWORD) },
    update: {},
    select: { id: true, email: true, name: true, role: true },
  });
  const agent = await db.user.findUnique({ where: { email: "agent@example.com" }, select: { id: true } });
  const deposit = 5_000_00;
  await db.walletEntry.create({ data: { userId: buyer.id, kind: "DEPOSIT", amountFen: deposit, reference: "DEMO-SEED" } });
  await db.walletAccount.upsert({
    where: { userId: buyer.id },
    create: { userId: buyer.id, balanceFen: deposit },
    update: { balanceFen: { increment: deposit } },
  });

  const listings = await db.listing.findMany({
    where: { status: "PUBLISHED", available: true, weightGrams: { not: null }, landedFen: { lte: 1_000_00 }, store: { country: "US" } },
    select: { id: true },
    orderBy: { createdAt: "asc" },
    take: 3,
  });
  const session = { ...buyer, role: "SHOPPER" as const };
  let placed = 0;
  for (const [index, listing] of listings.entries()) {
    if (!(await addToCart(buyer.id, listing.id, undefined, 1)).ok) continue;
    // By post, so no buyer identity is needed (checkout would otherwise preselect the cheapest line).
    const checkout = await getCheckout(session, { lineCode: "us-postal-ems", insurance: false });
    if (!checkout.locked) continue;
    const order = await placeOrder(session, { quoteId: checkout.locked.id, idempotencyKey: checkout.locked.id, address: ADDRESS });
    if (!order.ok) continue;
    placed += 1;
    // The first (oldest) order was bought, weighed, shipped and delivered: a return, a review or a claim can start there.
    if (index === 0 && agent && order.paid) await deliverDemoOrder(db, agent.id, order.orderId);
    // The second order is already in the demo agent's hands, with a question from the buyer.
    if (index === 2 && agent && order.paid) {
      await transitionOrder({ id: agent.id, role: "AGENT" }, order.orderId, {
        to: "PURCHASING",
        version: 1,
        payload: { note: "已联系商店确认库存" },
      });
      await postOrderMessage(session, order.orderId, "请帮我确认一下是不是全新未拆封的，谢谢！");
    }
  }
  await db.cartItem.deleteMany({ where: { userId: buyer.id } });
  return placed;
}

/** The demo agent buys the order at the quoted cost, weighs and photographs it at the warehouse, ships it; it is delivered. */
async function deliverDemoOrder(db: Db, agentId: string, orderId: string) {
  const { transitionOrder } = await import("~/services/order-transitions.server");
  const { recordPriceCheck } = await import("~/services/order-price-check.server");
  const { storePhoto } = await import("~/services/order-photos.server");
  const { quotedForeignTotal } = await import("~/domain/orders/actual-cost");
  const { storedQuote } = await import("~/services/order-quotes.server");
  const agent = { id: agentId, role: "AGENT" as const };
  const system = { id: null, role: "SYSTEM" as const };
  const version = async () => (await db.order.findUniqueOrThrow({ where: { id: orderId }, select: { version: true } })).version;
  const step = async (actor: typeof agent | typeof system, to: Parameters<typeof transitionOrder>[2]["to"], payload: unknown = {}) => {
    const moved = await transitionOrder(actor, orderId, { to, version: await version(), payload });
    if (!moved.ok) throw new Error(`demo order: ${to} refused (${moved.code})`);
  };
  const { quoteId } = await db.order.findUniqueOrThrow({ where: { id: orderId }, select: { quoteId: true } });
  const { request } = await storedQuote(db, quoteId);
  const evidenceUrl = "https://demo-store.example/account/orders/DEMO-1001";
  await step(agent, "PURCHASING", { note: "已确认库存" });
  const checked = await recordPriceCheck(agent, orderId, {
    version: await version(),
    payload: { items: request.items.map((item, position) => ({ position, price: item.price, inStock: true })), evidenceUrl },
  });
  if (!checked.ok) throw new Error(`demo order: price check refused (${checked.code})`);
  await step(agent, "PURCHASED", { foreignOrderNumber: "DEMO-1001", actualCost: quotedForeignTotal(request).toFixed(2), evidenceUrl });
  const photo = await storePhoto(parcelPhoto());
  if (!photo.ok) throw new Error(`demo order: photo not stored (${photo.error})`);
  const grams = request.items.reduce((total, item) => total + (item.weightGrams ?? 0) * item.quantity, 0);
  await step(agent, "AT_WAREHOUSE", { weightGrams: Math.max(grams, 1), dimensionsCm: [12, 10, 6], photos: [photo.name] });
  await step(agent, "SHIPPED", { carrier: "EMS", trackingNumber: "EA100000001US" });
  await step(system, "IN_CUSTOMS");
  await step(system, "DELIVERED");
}
