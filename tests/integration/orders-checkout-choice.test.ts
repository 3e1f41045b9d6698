import { beforeAll, describe, expect, test } from "vitest";
import { toFen } from "~/domain/landed-cost";
import { action as checkoutAction, loader as checkoutLoader } from "~/routes/checkout";
import { addToCart } from "~/services/cart.server";
import { getCheckout } from "~/services/checkout.server";
import { db } from "~/utils/db.server";
import { formRequest, getRequest, respond } from "./helpers";
import {
  ADDRESS,
  balanceOf,
  deposit,
  IDENTITY,
  lineFen,
  lockedCheckout,
  placeNewOrder,
  seedOrderWorld,
  sessionUser,
  storedQuote,
  US_CBEC,
  US_POSTAL,
} from "./order-fixtures";

// The checkout form as a browser without JavaScript posts it: the shipping line and insurance the
// shopper sees selected travel with it, and the server never charges a total the page did not show.

type Shopper = Awaited<ReturnType<typeof sessionUser>>;
type CheckoutBody = {
  result: { status?: string; error?: Record<string, string[] | null>; initialValue?: Record<string, unknown> | null };
  requote: { reason: string; previousTotal: string; total: string } | null;
  checkout: {
    selectedLine: string | null;
    insurance: boolean;
    locked: { id: string; total: string; totalFen: number; lineCode: string; regime: string } | null;
  } | null;
};

let world: Awaited<ReturnType<typeof seedOrderWorld>>;

beforeAll(async () => {
  world = await seedOrderWorld();
});

const args = (request: Request) => ({ request, params: {}, context: {} });

/** What the page's form sends: its quote, the line and insurance shown selected, the address (and ID on a CBEC line). */
function fields(quoteId: string, line: string, extra: Record<string, string> = {}) {
  return { intent: "place", quoteId, idempotencyKey: quoteId, line, ...ADDRESS, ...extra };
}

async function post(shopper: Shopper, body: Record<string, string>) {
  const response = await respond(() => checkoutAction(args(formRequest("/checkout", body, { cookie: shopper.cookie }))));
  return {
    status: response.status,
    location: response.headers.get("Location"),
    body: response.status === 302 ? null : ((await response.json()) as CheckoutBody),
  };
}

/** A funded shopper with the 100 USD listing in the cart, and the landed total every line lists for it. */
async function funded(fen = 500_000) {
  const shopper = await sessionUser("SHOPPER");
  await deposit(shopper.id, fen);
  return shopper;
}

async function listed(shopper: Shopper, insurance = false) {
  const checkout = await getCheckout(shopper, { lineCode: US_POSTAL, insurance });
  const totals = Object.fromEntries(checkout.lines.map((line) => [line.code, line.total ? toFen(line.total) : null]));
  return { postal: totals[US_POSTAL] ?? 0, cbec: totals[US_CBEC] ?? 0 };
}

async function ordersOf(shopper: Shopper) {
  return db.order.findMany({
    where: { userId: shopper.id },
    select: { id: true, quoteId: true, totalFen: true, paidFen: true, status: true, shippingLineCode: true, customsRegime: true },
  });
}

describe("a line changed on the page and placed directly", () => {
  test("is re-quoted for the shopper to confirm, nothing charged; the confirmed post places on the new line's quote at its total", async () => {
    const shopper = await funded();
    const cbec = await lockedCheckout(shopper, world.listingId, { lineCode: US_CBEC });
    const totals = await listed(shopper);
    expect(cbec.totalFen).toBe(totals.cbec);
    expect(totals.postal).not.toBe(totals.cbec);

    // The postal radio is selected, the form still carries the CBEC quote: nothing is placed.
    const changed = await post(shopper, fields(cbec.id, US_POSTAL, { realName: IDENTITY.realName, residentId: IDENTITY.residentId }));
    expect(changed.status).toBe(409);
    expect(changed.body?.requote).toEqual({
      reason: "lineChanged",
      previousTotal: cbec.total,
      total: changed.body?.checkout?.locked?.total,
    });
    const postal = changed.body?.checkout?.locked;
    expect(postal).toMatchObject({ lineCode: US_POSTAL, regime: "POSTAL", totalFen: totals.postal });
    expect(changed.body?.checkout?.selectedLine).toBe(US_POSTAL);
    // Every value typed comes back for the page to show.
    expect(changed.body?.result.initialValue).toMatchObject({ street: ADDRESS.street, mobile: ADDRESS.mobile, line: US_POSTAL });
    expect(await ordersOf(shopper)).toEqual([]);
    expect(await balanceOf(shopper.id)).toBe(500_000);

    // The confirmed post carries the new quote: the order is on the postal line at exactly its total.
    const confirmed = await post(shopper, fields(postal?.id ?? "", US_POSTAL));
    expect(confirmed.status).toBe(302);
    const [order] = await ordersOf(shopper);
    expect(confirmed.location).toBe(`/orders/${order?.id}`);
    expect(order).toMatchObject({
      quoteId: postal?.id,
      totalFen: totals.postal,
      paidFen: totals.postal,
      status: "PAID",
      shippingLineCode: US_POSTAL,
      customsRegime: "POSTAL",
    });
    expect((await storedQuote(order?.quoteId ?? "")).context.shippingLine.code).toBe(US_POSTAL);
    expect(await balanceOf(shopper.id)).toBe(500_000 - totals.postal);
  });

  test("to a cross-border line from a postal page: the new total and the ID fields it needs, nothing placed until they are given", async () => {
    const shopper = await funded();
    const postal = await lockedCheckout(shopper, world.listingId, { lineCode: US_POSTAL });
    const totals = await listed(shopper);

    const changed = await post(shopper, fields(postal.id, US_CBEC));
    expect(changed.status).toBe(400);
    expect(changed.body?.result.error).toMatchObject({
      realName: ["orders:errors.realNameRequired"],
      residentId: ["orders:errors.residentIdRequired"],
    });
    expect(changed.body?.requote).toMatchObject({ reason: "lineChanged", previousTotal: postal.total });
    const cbec = changed.body?.checkout?.locked;
    expect(cbec).toMatchObject({ lineCode: US_CBEC, regime: "CBEC", totalFen: totals.cbec });
    expect(await ordersOf(shopper)).toEqual([]);

    const placed = await post(shopper, fields(cbec?.id ?? "", US_CBEC, { realName: IDENTITY.realName, residentId: IDENTITY.residentId }));
    expect(placed.status).toBe(302);
    expect(await ordersOf(shopper)).toMatchObject([{ quoteId: cbec?.id, totalFen: totals.cbec, customsRegime: "CBEC", status: "PAID" }]);
    expect(await balanceOf(shopper.id)).toBe(500_000 - totals.cbec);
  });

  test("insurance ticked, then unticked, on the page is re-quoted each time and charged only as confirmed", async () => {
    const shopper = await funded();
    const bare = await lockedCheckout(shopper, world.listingId, { lineCode: US_POSTAL });
    expect(lineFen(bare.result, "insurance")).toBe(0);

    const ticked = await post(shopper, fields(bare.id, US_POSTAL, { insurance: "1" }));
    expect(ticked.status).toBe(409);
    expect(ticked.body?.requote).toMatchObject({ reason: "insuranceChanged", previousTotal: bare.total });
    const insured = ticked.body?.checkout?.locked;
    expect(ticked.body?.checkout?.insurance).toBe(true);
    const insuranceFen = lineFen((await storedQuote(insured?.id ?? "")).result, "insurance");
    expect(insuranceFen).toBeGreaterThan(0);
    expect(insured?.totalFen).toBe(bare.totalFen + insuranceFen);

    // Unticked again before confirming: back to a quote without insurance.
    const unticked = await post(shopper, fields(insured?.id ?? "", US_POSTAL));
    expect(unticked.status).toBe(409);
    expect(unticked.body?.requote).toMatchObject({ reason: "insuranceChanged", previousTotal: insured?.total, total: bare.total });
    expect(await ordersOf(shopper)).toEqual([]);

    const reticked = await post(shopper, fields(unticked.body?.checkout?.locked?.id ?? "", US_POSTAL, { insurance: "1" }));
    const confirmed = await post(shopper, fields(reticked.body?.checkout?.locked?.id ?? "", US_POSTAL, { insurance: "1" }));
    expect(confirmed.status).toBe(302);
    const [order] = await ordersOf(shopper);
    expect(order?.totalFen).toBe(bare.totalFen + insuranceFen);
    expect((await storedQuote(order?.quoteId ?? "")).request.insurance).toBe(true);
    expect(await balanceOf(shopper.id)).toBe(500_000 - bare.totalFen - insuranceFen);
  });

  test("a double click, a retry and a second tab around a line change still make one order and one charge", async () => {
    const shopper = await funded();
    const cbec = await lockedCheckout(shopper, world.listingId, { lineCode: US_CBEC });
    const withId = { realName: IDENTITY.realName, residentId: IDENTITY.residentId };

    // A double click on the first submit: both are re-quoted, neither places.
    const firstClicks = await Promise.all([
      post(shopper, fields(cbec.id, US_POSTAL, withId)),
      post(shopper, fields(cbec.id, US_POSTAL, withId)),
    ]);
    expect(firstClicks.map((click) => click.status)).toEqual([409, 409]);
    expect(await ordersOf(shopper)).toEqual([]);

    // The confirm page, clicked many times at once, and retried after: one order.
    const postalId = firstClicks[1]?.body?.checkout?.locked?.id ?? "";
    const confirms = await Promise.all(Array.from({ length: 12 }, () => post(shopper, fields(postalId, US_POSTAL))));
    const orders = await ordersOf(shopper);
    expect(orders).toHaveLength(1);
    const [order] = orders;
    // (A click that arrives while the first is still paying is sent to the same order page.)
    const orderPage = (location: string | null) => location?.split("?")[0];
    expect(confirms.map((confirm) => orderPage(confirm.location))).toEqual(confirms.map(() => `/orders/${order?.id}`));
    expect((await post(shopper, fields(postalId, US_POSTAL))).location).toBe(`/orders/${order?.id}`);

    // A second tab still showing the CBEC quote places nothing more, whichever line it posts.
    for (const line of [US_CBEC, US_POSTAL]) {
      const stale = await post(shopper, fields(cbec.id, line, withId));
      expect(stale.status).toBe(400);
      expect(JSON.stringify(stale.body?.result)).toContain("orders:errors.cartEmpty");
    }
    expect(await ordersOf(shopper)).toHaveLength(1);
    expect(await db.walletEntry.count({ where: { userId: shopper.id, kind: "CHARGE" } })).toBe(1);
    expect(await balanceOf(shopper.id)).toBe(500_000 - (order?.totalFen ?? 0));
  });
});

describe("bad choices in the form", () => {
  test.each([
    ["an unknown line", { line: "us-teleport" }, "orders:errors.lineUnknown"],
    ["another country's line", { line: "jp-postal-ems" }, "orders:errors.lineUnknown"],
    ["a line code that is not one", { line: "<script>" }, "orders:errors.lineUnknown"],
    ["no line", { line: "" }, "orders:errors.lineRequired"],
    ["insurance that is not a checkbox's value", { insurance: "yes" }, "orders:errors.invalidRequest"],
    ["an unknown button", { intent: "pay" }, "orders:errors.invalidRequest"],
  ])("%s is refused with a message and nothing is written", async (_name, tamper, message) => {
    const shopper = await funded();
    const locked = await lockedCheckout(shopper, world.cheapListingId, { lineCode: US_POSTAL });
    const quotesBefore = await db.quote.count({ where: { userId: shopper.id } });
    const response = await post(shopper, { ...fields(locked.id, US_POSTAL), ...tamper });
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body?.result.error)).toContain(message);
    expect(await ordersOf(shopper)).toEqual([]);
    expect(await db.quote.count({ where: { userId: shopper.id } })).toBe(quotesBefore);
    expect(await balanceOf(shopper.id)).toBe(500_000);
  });
});

describe("without JavaScript", () => {
  test("更新报价 prices the line now selected and keeps what was typed, without checking or placing anything", async () => {
    const shopper = await funded();
    const postal = await lockedCheckout(shopper, world.listingId, { lineCode: US_POSTAL });
    const response = await post(shopper, {
      intent: "quote",
      quoteId: postal.id,
      idempotencyKey: postal.id,
      line: US_CBEC,
      street: "科技园路1号",
      mobile: "138",
    });
    expect(response.status).toBe(200);
    expect(response.body?.result.error ?? {}).toEqual({});
    expect(response.body?.result.initialValue).toMatchObject({ street: "科技园路1号", mobile: "138" });
    expect(response.body?.checkout?.locked).toMatchObject({ lineCode: US_CBEC, regime: "CBEC" });
    expect(await ordersOf(shopper)).toEqual([]);
  });

  test("a bad phone number comes back at its field with every value and the chosen line kept; one corrected submit places the order", async () => {
    const shopper = await funded();
    const cbec = await lockedCheckout(shopper, world.listingId, { lineCode: US_CBEC });
    const rejected = await post(shopper, fields(cbec.id, US_POSTAL, { mobile: "12345" }));
    expect(rejected.status).toBe(400);
    expect(rejected.body?.result.error).toEqual({ mobile: ["orders:errors.mobileInvalid"] });
    expect(rejected.body?.result.initialValue).toMatchObject({ ...ADDRESS, mobile: "12345", line: US_POSTAL });
    expect(rejected.body?.checkout?.selectedLine).toBe(US_POSTAL);
    expect(rejected.body?.requote).toMatchObject({ reason: "lineChanged", previousTotal: cbec.total });
    expect(await ordersOf(shopper)).toEqual([]);

    const postal = rejected.body?.checkout?.locked;
    const placed = await post(shopper, fields(postal?.id ?? "", US_POSTAL));
    expect(placed.status).toBe(302);
    expect(await ordersOf(shopper)).toMatchObject([{ quoteId: postal?.id, totalFen: postal?.totalFen, shippingLineCode: US_POSTAL }]);
  });
});

describe("the line checkout preselects", () => {
  test("is the cheapest eligible one for a new shopper, not the store country's default line", async () => {
    const shopper = await sessionUser("SHOPPER");
    expect(await addToCart(shopper.id, world.listingId, undefined, 1)).toEqual({ ok: true });
    const checkout = await getCheckout(shopper);
    const totals = checkout.lines.map((line) => ({ code: line.code, fen: line.total ? toFen(line.total) : Infinity }));
    const cheapest = totals.reduce((best, line) => (line.fen < best.fen ? line : best));
    // In this world the cheapest line is not the one marked default: the old choice would have been dearer.
    expect(cheapest.code).not.toBe(US_POSTAL);
    expect(checkout).toMatchObject({
      selectedLine: cheapest.code,
      selection: "cheapest",
      locked: { lineCode: cheapest.code, totalFen: cheapest.fen },
    });
    // The page (no line in the address) shows the same.
    const page = await respond(() => checkoutLoader(args(getRequest("/checkout", shopper.cookie))));
    expect(((await page.json()) as CheckoutBody).checkout?.selectedLine).toBe(cheapest.code);
  });

  test("skips a cheaper line whose quote is an error (over the annual CBEC allowance)", async () => {
    const shopper = await funded();
    const first = await placeNewOrder(shopper, world.listingId, { lineCode: US_CBEC });
    await db.order.update({ where: { id: first.orderId }, data: { dutiableFen: 2_590_000 } });
    expect(await addToCart(shopper.id, world.listingId, undefined, 1)).toEqual({ ok: true });
    const checkout = await getCheckout(shopper);
    expect(checkout.lines.find((line) => line.code === US_CBEC)?.error?.code).toBe("CBEC_ANNUAL_LIMIT");
    // The last order's line is remembered, but it cannot carry this cart: the cheapest eligible one is selected.
    expect(checkout).toMatchObject({ selectedLine: US_POSTAL, selection: "cheapest", locked: { lineCode: US_POSTAL } });
    // Asking for it says so instead of quietly showing another line.
    expect(await getCheckout(shopper, { lineCode: US_CBEC, insurance: false })).toMatchObject({
      selectedLine: US_POSTAL,
      unavailableChoice: US_CBEC,
    });
  });

  test("is the shopper's earlier pick for this cart (line and insurance), even once that quote has expired", async () => {
    const shopper = await sessionUser("SHOPPER");
    expect(await addToCart(shopper.id, world.listingId, undefined, 1)).toEqual({ ok: true });
    expect((await getCheckout(shopper)).selectedLine).not.toBe(US_POSTAL);
    // The shopper picks the postal line with insurance (the page's GET ?line=…&insurance=1).
    const picked = await respond(() => checkoutLoader(args(getRequest(`/checkout?line=${US_POSTAL}&insurance=1`, shopper.cookie))));
    const pickedQuote = ((await picked.json()) as CheckoutBody).checkout?.locked;
    expect(pickedQuote).toMatchObject({ lineCode: US_POSTAL });

    const back = await getCheckout(shopper);
    expect(back).toMatchObject({ selectedLine: US_POSTAL, insurance: true, selection: "remembered", locked: { id: pickedQuote?.id } });
    await db.quote.updateMany({ where: { userId: shopper.id }, data: { validUntil: new Date(Date.now() - 60_000) } });
    const later = await getCheckout(shopper);
    expect(later).toMatchObject({ selectedLine: US_POSTAL, insurance: true, selection: "remembered" });
    expect(later.locked?.id).not.toBe(pickedQuote?.id);
  });

  test("is the line of the shopper's last order from the same country for a new cart", async () => {
    const shopper = await funded();
    await placeNewOrder(shopper, world.listingId, { lineCode: US_POSTAL });
    expect(await addToCart(shopper.id, world.cheapListingId, undefined, 3)).toEqual({ ok: true });
    expect(await getCheckout(shopper)).toMatchObject({ selectedLine: US_POSTAL, selection: "lastOrder", insurance: false });
  });
});
