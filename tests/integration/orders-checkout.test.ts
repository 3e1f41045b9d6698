import { beforeAll, describe, expect, test, vi } from "vitest";
import { fromFen, toFen, type QuoteRequest } from "~/domain/landed-cost";
import { action as quoteApi } from "~/routes/api.quotes";
import { addToCart } from "~/services/cart.server";
import { getCheckout, placeOrder } from "~/services/checkout.server";
import { confirmNewQuote, payOrder, requoteOrder } from "~/services/order-payment.server";
import { getAnnualCbecUsedCny } from "~/services/quote.server";
import { db } from "~/utils/db.server";
import {
  asActor,
  balanceOf,
  deposit,
  IDENTITY,
  lineFen,
  lockedCheckout,
  move,
  placeInput,
  placeNewOrder,
  seedOrderWorld,
  sessionUser,
  storedQuote,
  US_CBEC,
  US_POSTAL,
  wallet,
} from "./order-fixtures";

let listingId = "";
let cheapListingId = "";

beforeAll(async () => {
  ({ listingId, cheapListingId } = await seedOrderWorld());
});

/** A quote the shopper stores through POST /api/quotes, which prices whatever document it is sent. */
async function apiQuote(cookie: string, document: unknown) {
  const request = new Request("http://localhost/api/quotes", {
    method: "POST",
    headers: { "Content-Type": "application/json", Cookie: cookie, "x-client-ip": "198.51.100.7" },
    body: JSON.stringify(document),
  });
  const response = await quoteApi({ request, params: {}, context: {} });
  const id = response.headers.get("X-Quote-Id");
  if (response.status !== 200 || !id) throw new Error(`quote API answered ${response.status}`);
  return id;
}

describe("placing an order", () => {
  test("charges the locked quote's total once and empties the cart", async () => {
    const shopper = await sessionUser("SHOPPER");
    await deposit(shopper.id, 500_000);
    const locked = await lockedCheckout(shopper, cheapListingId, { quantity: 2 });
    // The client's amounts are not part of the input: a tampered total sent along is ignored.
    const placed = await placeOrder(shopper, { ...placeInput(locked.id), totalFen: 1 } as Parameters<typeof placeOrder>[1]);
    expect(placed).toMatchObject({ ok: true, paid: true, existing: false });
    if (!placed.ok) return;

    const order = await db.order.findUniqueOrThrow({ where: { id: placed.orderId }, include: { items: true } });
    expect(order.status).toBe("PAID");
    expect(order.totalFen).toBe(locked.totalFen);
    expect(order.paidFen).toBe(locked.totalFen);
    expect(order.items.map((item) => ({ quantity: item.quantity, price: item.price }))).toEqual([{ quantity: 2, price: "20.00" }]);
    const entries = await db.walletEntry.findMany({ where: { userId: shopper.id, kind: "CHARGE" } });
    expect(entries).toMatchObject([{ amountFen: -locked.totalFen, orderId: order.id }]);
    expect(await wallet(shopper.id)).toEqual({ balanceFen: 500_000 - locked.totalFen, ledgerFen: 500_000 - locked.totalFen });
    expect(await db.cartItem.count({ where: { userId: shopper.id } })).toBe(0);
    const events = await db.orderEvent.findMany({ where: { orderId: order.id }, orderBy: { createdAt: "asc" } });
    expect(events.map((event) => event.toStatus)).toEqual(["PENDING_PAYMENT", "PAID"]);
  });

  test("with too little in the wallet the order waits unpaid and nothing is charged", async () => {
    const shopper = await sessionUser("SHOPPER");
    await deposit(shopper.id, 1_000);
    const locked = await lockedCheckout(shopper, listingId);
    const placed = await placeOrder(shopper, placeInput(locked.id));
    expect(placed).toMatchObject({ ok: true, paid: false });
    if (!placed.ok) return;
    expect((await db.order.findUniqueOrThrow({ where: { id: placed.orderId } })).status).toBe("PENDING_PAYMENT");
    expect(await wallet(shopper.id)).toEqual({ balanceFen: 1_000, ledgerFen: 1_000 });
  });

  test("20 concurrent placings with the same idempotency key and quote make one order and one charge", async () => {
    const shopper = await sessionUser("SHOPPER");
    await deposit(shopper.id, 500_000);
    const locked = await lockedCheckout(shopper, listingId);
    const input = placeInput(locked.id);
    const outcomes = await Promise.all(Array.from({ length: 20 }, () => placeOrder(shopper, input)));

    const orders = await db.order.findMany({ where: { userId: shopper.id } });
    expect(orders).toHaveLength(1);
    const [order] = orders;
    // Every tab, retry and double click is told about that one order.
    expect(outcomes.map((outcome) => (outcome.ok ? outcome.orderId : outcome.reason))).toEqual(Array.from({ length: 20 }, () => order?.id));
    expect(outcomes.filter((outcome) => outcome.ok && !outcome.existing)).toHaveLength(1);
    expect(order?.status).toBe("PAID");
    expect(await db.walletEntry.count({ where: { userId: shopper.id, kind: "CHARGE" } })).toBe(1);
    expect(await wallet(shopper.id)).toEqual({ balanceFen: 500_000 - locked.totalFen, ledgerFen: 500_000 - locked.totalFen });
  });

  test("the same key sent again later returns the first order, even with another quote", async () => {
    const shopper = await sessionUser("SHOPPER");
    await deposit(shopper.id, 500_000);
    const first = await lockedCheckout(shopper, listingId);
    const input = placeInput(first.id);
    const placed = await placeOrder(shopper, input);
    const second = await lockedCheckout(shopper, listingId);
    expect(second.id).not.toBe(first.id);
    const again = await placeOrder(shopper, { ...input, quoteId: second.id });
    expect(again).toEqual(placed.ok ? { ...placed, existing: true } : placed);
    expect(await db.order.count({ where: { userId: shopper.id } })).toBe(1);
    expect(await balanceOf(shopper.id)).toBe(500_000 - first.totalFen);
  });
});

describe("a retry overtaken by the first request", () => {
  /**
   * Runs `retry` so that its first call of `method` answers only after `first` has finished: the retry
   * checked (or read) before the first request committed its order, and goes on after it did.
   */
  async function overtaken<T>(delegate: object, method: string, retry: () => Promise<T>, first: () => Promise<unknown>) {
    let release = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const target = delegate as Record<string, (...args: unknown[]) => Promise<unknown>>;
    const real = target[method]?.bind(delegate);
    let calls = 0;
    const spy = vi.spyOn(target, method).mockImplementation((...args: unknown[]) => {
      calls += 1;
      const result = real?.(...args) ?? Promise.resolve(null);
      return calls === 1 ? result.then(async (value) => (await gate, value)) : result;
    });
    try {
      const pending = retry();
      await vi.waitFor(() => expect(calls).toBeGreaterThan(0));
      const firstOutcome = await first();
      release();
      return { first: firstOutcome, retry: await pending };
    } finally {
      release();
      spy.mockRestore();
    }
  }

  test("a retry that checked for the order just before the first one emptied the cart still gets that order", async () => {
    const shopper = await sessionUser("SHOPPER");
    await deposit(shopper.id, 500_000);
    const locked = await lockedCheckout(shopper, listingId);
    const input = placeInput(locked.id);
    const outcomes = await overtaken(
      db.order,
      "findFirst",
      () => placeOrder(shopper, input),
      () => placeOrder(shopper, input),
    );
    expect(outcomes.first).toMatchObject({ ok: true, existing: false });
    expect(outcomes.retry).toEqual({ ...(outcomes.first as object), existing: true });
    expect(await db.order.count({ where: { userId: shopper.id } })).toBe(1);
    expect(await balanceOf(shopper.id)).toBe(500_000 - locked.totalFen);
  });

  test("a CBEC retry that read the cart just before the first one was paid (and used allowance) still gets that order", async () => {
    const shopper = await sessionUser("SHOPPER");
    await deposit(shopper.id, 500_000);
    const locked = await lockedCheckout(shopper, listingId, { lineCode: US_CBEC });
    const input = placeInput(locked.id, { identity: IDENTITY });
    const outcomes = await overtaken(
      db.cartItem,
      "findMany",
      () => placeOrder(shopper, input),
      () => placeOrder(shopper, input),
    );
    expect(outcomes.first).toMatchObject({ ok: true, existing: false });
    expect(outcomes.retry).toEqual({ ...(outcomes.first as object), existing: true });
    expect(await db.order.count({ where: { userId: shopper.id } })).toBe(1);
  });
});

describe("paying under contention", () => {
  test("20 unpaid orders paid at once with money for 7 of them: exactly 7 are paid and the wallet never goes negative", async () => {
    const shopper = await sessionUser("SHOPPER");
    const placed: { orderId: string; totalFen: number }[] = [];
    for (let index = 0; index < 20; index += 1) {
      const locked = await lockedCheckout(shopper, listingId);
      const outcome = await placeOrder(shopper, placeInput(locked.id));
      if (!outcome.ok || outcome.paid) throw new Error("expected an unpaid order");
      placed.push({ orderId: outcome.orderId, totalFen: locked.totalFen });
    }
    const totals = new Set(placed.map((order) => order.totalFen));
    expect(totals.size).toBe(1);
    const [totalFen = 0] = totals;
    const funded = 7;
    // Enough for 7 orders and most of an 8th.
    const depositFen = funded * totalFen + totalFen - 1;
    await deposit(shopper.id, depositFen);

    const outcomes = await Promise.all(placed.map((order) => payOrder(shopper, order.orderId)));
    expect(outcomes.filter((outcome) => outcome.ok)).toHaveLength(funded);
    expect(outcomes.filter((outcome) => !outcome.ok).map((outcome) => (outcome.ok ? "ok" : outcome.reason))).toEqual(
      Array.from({ length: 20 - funded }, () => "insufficientFunds"),
    );

    const statuses = await db.order.groupBy({ by: ["status"], where: { userId: shopper.id }, _count: true });
    expect(Object.fromEntries(statuses.map((row) => [row.status, row._count]))).toEqual({ PAID: funded, PENDING_PAYMENT: 20 - funded });
    const paidOrders = await db.order.findMany({ where: { userId: shopper.id, status: "PAID" }, select: { id: true } });
    const charges = await db.walletEntry.findMany({
      where: { userId: shopper.id, kind: "CHARGE" },
      select: { orderId: true, amountFen: true },
    });
    expect(charges.map((charge) => charge.orderId).sort()).toEqual(paidOrders.map((order) => order.id).sort());
    expect(charges.every((charge) => charge.amountFen === -totalFen)).toBe(true);
    const after = await wallet(shopper.id);
    expect(after.balanceFen).toBe(totalFen - 1);
    expect(after.ledgerFen).toBe(after.balanceFen);
  });
});

describe("paying an order later", () => {
  test("an unpaid order whose quote expired is re-quoted, and paid at the new total once the shopper confirms it", async () => {
    const shopper = await sessionUser("SHOPPER");
    const locked = await lockedCheckout(shopper, listingId);
    const placed = await placeOrder(shopper, placeInput(locked.id));
    if (!placed.ok) throw new Error(placed.reason);
    await deposit(shopper.id, 500_000);
    const later = new Date(Date.parse(locked.validUntil) + 60_000);
    expect(await payOrder(shopper, placed.orderId, later)).toEqual({ ok: false, reason: "quoteExpired" });
    expect(await balanceOf(shopper.id)).toBe(500_000);

    const requoted = await requoteOrder(shopper, placed.orderId, later);
    if (!requoted.ok) throw new Error(requoted.reason);
    expect(await confirmNewQuote(shopper, placed.orderId, requoted.quoteId, later)).toEqual({ ok: true });
    const order = await db.order.findUniqueOrThrow({ where: { id: placed.orderId } });
    expect(order).toMatchObject({ status: "PAID", totalFen: toFen(requoted.total), paidFen: toFen(requoted.total) });
    expect(await wallet(shopper.id)).toEqual({ balanceFen: 500_000 - toFen(requoted.total), ledgerFen: 500_000 - toFen(requoted.total) });
  });

  test.each([
    [
      "its own price for the goods",
      (request: QuoteRequest) => ({
        request: { ...request, items: request.items.map((item) => ({ ...item, price: "1.00" })) },
        context: { shippingLine: US_POSTAL },
      }),
    ],
    [
      "the order's own goods at its own exchange rates",
      (request: QuoteRequest) => ({
        request,
        context: { shippingLine: US_POSTAL, fx: { base: "EUR", asOf: new Date().toISOString(), rates: { USD: "1", CNY: "0.01" } } },
      }),
    ],
  ])("a quote the shopper made through the quote API with %s cannot become the order's total", async (_name, tamper) => {
    const shopper = await sessionUser("SHOPPER");
    const locked = await lockedCheckout(shopper, listingId);
    const placed = await placeOrder(shopper, placeInput(locked.id));
    if (!placed.ok) throw new Error(placed.reason);
    const cheapId = await apiQuote(shopper.cookie, tamper((await storedQuote(locked.id)).request));
    const cheap = await storedQuote(cheapId);
    expect(cheap.totalFen).toBeLessThan(locked.totalFen / 2);
    await deposit(shopper.id, 500_000);

    expect(await confirmNewQuote(shopper, placed.orderId, cheapId)).toMatchObject({ ok: false });
    expect(await db.order.findUniqueOrThrow({ where: { id: placed.orderId } })).toMatchObject({
      status: "PENDING_PAYMENT",
      quoteId: locked.id,
      totalFen: locked.totalFen,
    });
    expect(await balanceOf(shopper.id)).toBe(500_000);
    // Paying it charges the quote it was placed with.
    expect(await payOrder(shopper, placed.orderId)).toEqual({ ok: true });
    expect(await balanceOf(shopper.id)).toBe(500_000 - locked.totalFen);
  });
});

describe("bad checkout input", () => {
  test("another shopper's quote id is not found and places nothing", async () => {
    const [owner, thief] = [await sessionUser("SHOPPER"), await sessionUser("SHOPPER")];
    const locked = await lockedCheckout(owner, listingId);
    await deposit(thief.id, 500_000);
    expect(await addToCart(thief.id, listingId, undefined, 1)).toEqual({ ok: true });
    expect(await placeOrder(thief, placeInput(locked.id))).toEqual({ ok: false, reason: "quoteNotFound" });
    expect(await placeOrder(thief, placeInput("made-up-quote-id"))).toEqual({ ok: false, reason: "quoteNotFound" });
    expect(await db.order.count({ where: { userId: { in: [owner.id, thief.id] } } })).toBe(0);
    expect(await balanceOf(thief.id)).toBe(500_000);
  });

  test("an expired quote is replaced by a new one for the shopper to confirm, and nothing is placed", async () => {
    const shopper = await sessionUser("SHOPPER");
    await deposit(shopper.id, 500_000);
    const locked = await lockedCheckout(shopper, listingId);
    const later = new Date(Date.parse(locked.validUntil) + 60_000);
    const outcome = await placeOrder(shopper, placeInput(locked.id), later);
    expect(outcome).toMatchObject({ ok: false, reason: "quoteExpired", previousTotal: locked.total });
    if (outcome.ok || outcome.reason !== "quoteExpired") return;
    expect(outcome.quote.id).not.toBe(locked.id);
    expect(Date.parse(outcome.quote.validUntil)).toBeGreaterThan(later.getTime());
    expect(await db.order.count({ where: { userId: shopper.id } })).toBe(0);
    expect(await balanceOf(shopper.id)).toBe(500_000);

    // Confirming the new total places the order at that total.
    const placed = await placeOrder(shopper, placeInput(outcome.quote.id), later);
    expect(placed).toMatchObject({ ok: true, paid: true });
    expect(await balanceOf(shopper.id)).toBe(500_000 - outcome.quote.totalFen);
  });

  test("a cart changed after the quote was locked is re-quoted, not placed at the old total", async () => {
    const shopper = await sessionUser("SHOPPER");
    await deposit(shopper.id, 500_000);
    const locked = await lockedCheckout(shopper, cheapListingId);
    expect(await addToCart(shopper.id, cheapListingId, undefined, 1)).toEqual({ ok: true });
    const outcome = await placeOrder(shopper, placeInput(locked.id));
    expect(outcome).toMatchObject({ ok: false, reason: "cartChanged", previousTotal: locked.total });
    if (outcome.ok || outcome.reason !== "cartChanged") return;
    expect(outcome.quote.totalFen).toBeGreaterThan(locked.totalFen);
    expect((await storedQuote(outcome.quote.id)).request.items[0]?.quantity).toBe(2);
    expect(await db.order.count({ where: { userId: shopper.id } })).toBe(0);
  });

  test("a listing that changed price after locking is re-quoted at the new price", async () => {
    const shopper = await sessionUser("SHOPPER");
    const { id } = await db.listing.findUniqueOrThrow({ where: { id: listingId }, select: { id: true } });
    const locked = await lockedCheckout(shopper, id);
    await db.listing.update({ where: { id }, data: { price: "120.00" } });
    try {
      const outcome = await placeOrder(shopper, placeInput(locked.id));
      expect(outcome).toMatchObject({ ok: false, reason: "cartChanged" });
      if (!outcome.ok && outcome.reason === "cartChanged") expect(outcome.quote.totalFen).toBeGreaterThan(locked.totalFen);
    } finally {
      await db.listing.update({ where: { id }, data: { price: "100.00" } });
    }
    expect(await db.order.count({ where: { userId: shopper.id } })).toBe(0);
  });

  test("a quote the shopper made through the quote API for the cart's exact request, on their own rates or clock, cannot be placed", async () => {
    const shopper = await sessionUser("SHOPPER");
    await deposit(shopper.id, 500_000);
    const locked = await lockedCheckout(shopper, listingId);
    const { request } = await storedQuote(locked.id);
    const ownRates = await apiQuote(shopper.cookie, {
      request,
      context: { shippingLine: US_POSTAL, fx: { base: "EUR", asOf: new Date().toISOString(), rates: { USD: "1", CNY: "0.01" } } },
    });
    // Made "an hour from now", the quote would outlive the 30-minute window.
    const ownClock = await apiQuote(shopper.cookie, {
      request,
      context: { shippingLine: US_POSTAL, now: new Date(Date.now() + 3_600_000).toISOString() },
    });
    expect((await storedQuote(ownRates)).totalFen).toBeLessThan(locked.totalFen / 2);
    for (const quoteId of [ownRates, ownClock]) {
      expect(await placeOrder(shopper, placeInput(quoteId))).toMatchObject({ ok: false });
    }
    expect(await db.order.count({ where: { userId: shopper.id } })).toBe(0);
    // Nor does the checkout page pick it up as the cart's locked quote.
    expect((await getCheckout(shopper)).locked?.id).toBe(locked.id);
    expect(await balanceOf(shopper.id)).toBe(500_000);
  });

  test("a cross-border (CBEC) order needs the buyer's identity", async () => {
    const shopper = await sessionUser("SHOPPER");
    await deposit(shopper.id, 500_000);
    const locked = await lockedCheckout(shopper, listingId, { lineCode: US_CBEC });
    expect(locked.regime).toBe("CBEC");
    expect(await placeOrder(shopper, placeInput(locked.id))).toEqual({ ok: false, reason: "identityRequired" });
    expect(await placeOrder(shopper, placeInput(locked.id, { identity: null }))).toEqual({ ok: false, reason: "identityRequired" });
    expect(await db.order.count({ where: { userId: shopper.id } })).toBe(0);
    expect(await balanceOf(shopper.id)).toBe(500_000);
    expect(await placeOrder(shopper, placeInput(locked.id, { identity: IDENTITY }))).toMatchObject({ ok: true, paid: true });
  });

  test("an empty cart places nothing", async () => {
    const shopper = await sessionUser("SHOPPER");
    const locked = await lockedCheckout(shopper, listingId);
    await db.cartItem.deleteMany({ where: { userId: shopper.id } });
    expect(await placeOrder(shopper, placeInput(locked.id))).toEqual({ ok: false, reason: "cartEmpty" });
    const checkout = await getCheckout(shopper);
    expect(checkout.blocked).toBe("empty");
  });
});

describe("the annual cross-border (CBEC) allowance", () => {
  /** Customs' dutiable value of a quote: goods + the store's shipping + international shipping + insurance. */
  async function dutiableOf(quoteId: string) {
    const { result } = await storedQuote(quoteId);
    return ["goods", "domestic_shipping", "international_shipping", "insurance"].reduce((total, code) => total + lineFen(result, code), 0);
  }

  test("counts this year's paid CBEC orders and the share unpaid ones hold, not cancelled, postal or last year's ones, and the next CBEC quote uses it", async () => {
    const shopper = await sessionUser("SHOPPER");
    const unpaid = await placeNewOrder(shopper, listingId, { lineCode: US_CBEC });
    expect(unpaid.paid).toBe(false);
    await deposit(shopper.id, 1_000_000);
    const paid = await placeNewOrder(shopper, listingId, { lineCode: US_CBEC });
    const cancelled = await placeNewOrder(shopper, listingId, { lineCode: US_CBEC });
    const postal = await placeNewOrder(shopper, listingId, { lineCode: US_POSTAL });
    const lastYear = await placeNewOrder(shopper, listingId, { lineCode: US_CBEC });
    expect([paid.paid, cancelled.paid, postal.paid, lastYear.paid]).toEqual([true, true, true, true]);
    await move(asActor(shopper), cancelled.orderId, "CANCELLED");
    const now = new Date();
    // Paid just before this year began in China (UTC+8).
    const chinaYear = new Date(now.getTime() + 8 * 3_600_000).getUTCFullYear();
    const newYearInChina = Date.UTC(chinaYear, 0, 1) - 8 * 3_600_000;
    await db.order.update({ where: { id: lastYear.orderId }, data: { paidAt: new Date(newYearInChina - 60_000) } });

    // The unpaid order holds its share until it is paid or cancelled: two orders cannot use the same room.
    const expected = (await dutiableOf(paid.locked.id)) + (await dutiableOf(unpaid.locked.id));
    expect(expected).toBeGreaterThan(0);
    expect(await getAnnualCbecUsedCny(shopper.id, now)).toBe(fromFen(expected));

    // A payment at 00:01 on New Year's Day in China counts for the new year.
    await db.order.update({ where: { id: lastYear.orderId }, data: { paidAt: new Date(newYearInChina + 60_000) } });
    expect(await getAnnualCbecUsedCny(shopper.id, now)).toBe(fromFen(expected + (await dutiableOf(lastYear.locked.id))));
    await db.order.update({ where: { id: lastYear.orderId }, data: { paidAt: new Date(newYearInChina - 60_000) } });

    const next = await lockedCheckout(shopper, listingId, { lineCode: US_CBEC });
    expect((await storedQuote(next.id)).request.annualCbecUsedCny).toBe(fromFen(expected));
  });

  test("a shopper near the 26,000 CNY limit cannot check out on the CBEC line, but still can by post", async () => {
    const shopper = await sessionUser("SHOPPER");
    await deposit(shopper.id, 500_000);
    const first = await placeNewOrder(shopper, listingId, { lineCode: US_CBEC });
    // As if this year's earlier orders had used almost all of it.
    await db.order.update({ where: { id: first.orderId }, data: { dutiableFen: 2_590_000 } });
    expect(await addToCart(shopper.id, listingId, undefined, 1)).toEqual({ ok: true });
    const checkout = await getCheckout(shopper, { lineCode: US_CBEC });
    expect(checkout.lines.find((line) => line.code === US_CBEC)?.error?.code).toBe("CBEC_ANNUAL_LIMIT");
    expect(checkout.selectedLine).toBe(US_POSTAL);
    expect(checkout.locked?.regime).toBe("POSTAL");
  });
});
