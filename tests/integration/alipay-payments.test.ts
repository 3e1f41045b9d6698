import { ALIPAY_APP_ID, ALIPAY_GATEWAY, keys } from "./alipay-test-keys";
import fs from "node:fs";
import { alipaySign, answerGateway, notice, notify, signedByApp } from "./alipay-fixtures";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { loader as paymentLoader } from "~/routes/payments.$id";
import { action as walletAction, loader as walletLoader } from "~/routes/wallet";
import { checkOpenTrades } from "~/services/payment-trades.server";
import { db } from "~/utils/db.server";
import { BASE, getRequest, respond } from "./helpers";
import { action as orderAction } from "~/routes/orders.$id";
import { loader as noticesLoader } from "~/routes/admin.payments";
import { deposit, placeNewOrder, seedOrderWorld, sessionUser, wallet } from "./order-fixtures";
import { args, type Person } from "./returns-fixtures";

// Alipay top-ups on a real database, with keys this file generates (no real credentials anywhere):
// the app's key signs what we send, the "Alipay" key signs what Alipay sends, and msw answers the trade
// query. Notifications are the source of truth: verified, held against our app, merchant and amount,
// applied once whatever arrives twice, late, out of order or at once.

const GATEWAY = ALIPAY_GATEWAY;
const APP_ID = ALIPAY_APP_ID;

let shopper: Person;
let stranger: Person;
let world: Awaited<ReturnType<typeof seedOrderWorld>>;

async function startTopUp(person: Person, amount = "88") {
  const request = new Request(`${BASE}/wallet`, {
    method: "POST",
    headers: { Cookie: person.cookie, "Content-Type": "application/x-www-form-urlencoded", "User-Agent": "Mozilla/5.0 (iPhone) Mobile" },
    body: new URLSearchParams({ amount, method: "alipay" }).toString(),
  });
  const response = await respond(() => walletAction(args(request)));
  expect(response.status).toBe(302);
  const cashier = new URL(response.headers.get("Location") ?? "");
  const biz = JSON.parse(cashier.searchParams.get("biz_content") ?? "{}") as Record<string, string>;
  const trade = await db.paymentTrade.findUniqueOrThrow({ where: { outTradeNo: biz.out_trade_no ?? "" } });
  return { cashier, biz, trade };
}

function answerQuery(answer: Record<string, string> | "not-found", options: { badSign?: boolean } = {}) {
  answerGateway(
    "alipay.trade.query",
    answer === "not-found" ? { code: "40004", msg: "Business Failed", sub_code: "ACQ.TRADE_NOT_EXIST", sub_msg: "交易不存在" } : answer,
    { ...options, unsigned: answer === "not-found" },
  );
}

const outcomes = async (outTradeNo: string) =>
  (await db.paymentNotice.findMany({ where: { outTradeNo }, orderBy: { receivedAt: "asc" }, select: { outcome: true } })).map(
    (row) => row.outcome,
  );
const credits = (tradeId: string) => db.walletEntry.findMany({ where: { tradeId }, select: { amountFen: true, kind: true, userId: true } });

beforeAll(async () => {
  [shopper, stranger] = await Promise.all([sessionUser("SHOPPER"), sessionUser("SHOPPER")]);
  world = await seedOrderWorld();
});
afterAll(() => fs.rmSync(keys.dir, { recursive: true, force: true }));

describe("starting a top-up", () => {
  test("the wallet offers Alipay and sends a phone to the signed mobile cashier for exactly the amount", async () => {
    const page = (await (await respond(() => walletLoader(args(getRequest("/wallet", shopper.cookie))))).json()) as { alipay: boolean };
    expect(page.alipay).toBe(true);
    const { cashier, biz, trade } = await startTopUp(shopper, "88");
    expect(`${cashier.origin}${cashier.pathname}`).toBe(GATEWAY);
    expect(cashier.searchParams.get("method")).toBe("alipay.trade.wap.pay");
    expect(cashier.searchParams.get("app_id")).toBe(APP_ID);
    expect(cashier.searchParams.get("notify_url")).toBe("http://localhost:3000/payments/alipay/notify");
    expect(cashier.searchParams.get("return_url")).toBe(`http://localhost:3000/payments/${trade.id}`);
    expect(signedByApp(cashier.searchParams)).toBe(true);
    expect(biz).toMatchObject({ total_amount: "88.00", product_code: "QUICK_WAP_WAY" });
    expect(trade).toMatchObject({ userId: shopper.id, amountFen: 8800, status: "CREATED", purpose: "TOPUP" });
  });
});

describe("notifications", () => {
  test("a signed notification credits the wallet once; the same one again (Alipay retries) credits nothing", async () => {
    const { trade } = await startTopUp(shopper);
    const before = await wallet(shopper.id);
    const paid = notice(trade);
    expect(await notify(paid)).toBe("success");
    expect(await notify(paid)).toBe("success");
    const after = await wallet(shopper.id);
    expect(after.balanceFen - before.balanceFen).toBe(8800);
    expect(after.ledgerFen).toBe(after.balanceFen);
    expect(await credits(trade.id)).toEqual([{ amountFen: 8800, kind: "DEPOSIT", userId: shopper.id }]);
    expect(await db.paymentTrade.findUniqueOrThrow({ where: { id: trade.id } })).toMatchObject({
      status: "PAID",
      providerTradeNo: paid.trade_no,
    });
    expect(await outcomes(trade.outTradeNo)).toEqual(["CREDITED", "DUPLICATE"]);
  });

  test("five copies at once credit it once", async () => {
    const { trade } = await startTopUp(shopper);
    const before = await wallet(shopper.id);
    const paid = notice(trade);
    const replies = await Promise.all(Array.from({ length: 5 }, () => notify(paid)));
    expect(replies).toEqual(Array(5).fill("success"));
    expect((await wallet(shopper.id)).balanceFen - before.balanceFen).toBe(8800);
    expect(await credits(trade.id)).toHaveLength(1);
    expect((await outcomes(trade.outTradeNo)).sort()).toEqual(["CREDITED", "DUPLICATE", "DUPLICATE", "DUPLICATE", "DUPLICATE"]);
  });

  test("a bad signature, a wrong amount, app or merchant, a foreign currency and a malformed body credit nothing", async () => {
    const { trade } = await startTopUp(shopper);
    const before = await wallet(shopper.id);
    // Signed for 88.00, sent as 8800.00: the signature no longer holds. Alipay is asked to send again.
    expect(await notify(notice(trade, {}, { total_amount: "8800.00" }))).toBe("failure");
    expect(await notify(notice(trade, {}, { sign: alipaySign({ forged: "yes" }) }))).toBe("failure");
    // Properly signed but not what we asked for: recorded and flagged, Alipay told to stop.
    expect(await notify(notice(trade, { total_amount: "0.01" }))).toBe("success");
    expect(await notify(notice(trade, { app_id: "2021999999999999" }))).toBe("success");
    expect(await notify(notice(trade, { seller_id: "2088999999999999" }))).toBe("success");
    expect(await notify(notice(trade, { trans_currency: "USD" }))).toBe("success");
    expect(await notify({ out_trade_no: trade.outTradeNo, trade_status: "TRADE_SUCCESS" })).toBe("failure");
    expect(await notify(notice(trade, { out_trade_no: "x".repeat(65) }))).toBe("failure");
    expect(await wallet(shopper.id)).toEqual(before);
    expect((await db.paymentTrade.findUniqueOrThrow({ where: { id: trade.id } })).status).toBe("CREATED");
    expect(await outcomes(trade.outTradeNo)).toEqual([
      "BAD_SIGNATURE",
      "BAD_SIGNATURE",
      "MISMATCH",
      "MISMATCH",
      "MISMATCH",
      "MISMATCH",
      "MALFORMED",
    ]);
  });

  test("an unknown trade is recorded; out-of-order notifications leave a paid trade paid; a payment after closing is credited once", async () => {
    expect(await notify(notice({ outTradeNo: "TU000000NOSUCHTRADE" }))).toBe("success");
    expect(await outcomes("TU000000NOSUCHTRADE")).toEqual(["UNKNOWN_TRADE"]);

    const { trade } = await startTopUp(shopper);
    const before = await wallet(shopper.id);
    expect(await notify(notice(trade))).toBe("success");
    expect(await notify(notice(trade, { trade_status: "WAIT_BUYER_PAY" }))).toBe("success");
    expect((await db.paymentTrade.findUniqueOrThrow({ where: { id: trade.id } })).status).toBe("PAID");

    const late = await startTopUp(shopper);
    expect(await notify(notice(late.trade, { trade_status: "TRADE_CLOSED" }))).toBe("success");
    expect((await db.paymentTrade.findUniqueOrThrow({ where: { id: late.trade.id } })).status).toBe("CLOSED");
    const lastMinute = notice(late.trade);
    expect(await notify(lastMinute)).toBe("success");
    expect(await notify(lastMinute)).toBe("success");
    expect((await wallet(shopper.id)).balanceFen - before.balanceFen).toBe(2 * 8800);
    expect(await outcomes(late.trade.outTradeNo)).toEqual(["CLOSED", "LATE_CREDITED", "DUPLICATE"]);
  });
});

describe("the admin's review page", () => {
  const page = (person: Person, query = "") => respond(() => noticesLoader(args(getRequest(`/admin/payments${query}`, person.cookie))));

  test("lists flagged notifications with the trade and shopper they concern, filters by outcome, and is for admins only", async () => {
    const admin = await sessionUser("ADMIN");
    const { trade } = await startTopUp(shopper);
    expect(await notify(notice(trade, { total_amount: "0.01" }))).toBe("success");
    expect(await notify(notice(trade))).toBe("success");
    expect(await notify(notice({ outTradeNo: "TU000000ADMINVIEW" }))).toBe("success");

    const all = (await (await page(admin)).json()) as {
      counts: Record<string, number>;
      notices: { outcome: string; outTradeNo: string; detail: string | null; trade: { user: { email: string }; status: string } | null }[];
    };
    const mine = all.notices.filter((row) => row.outTradeNo === trade.outTradeNo);
    // The credited one is not a problem; the mismatch is, with why and whose trade it was.
    expect(mine.map((row) => row.outcome)).toEqual(["MISMATCH"]);
    expect(mine[0]?.detail).toContain("expected 88.00");
    expect(mine[0]?.trade).toMatchObject({ status: "PAID", user: { email: shopper.email } });
    expect(all.counts.MISMATCH).toBeGreaterThanOrEqual(1);

    const unknown = (await (await page(admin, "?outcome=UNKNOWN_TRADE")).json()) as typeof all;
    expect(unknown.notices.length).toBeGreaterThan(0);
    expect(unknown.notices.every((row) => row.outcome === "UNKNOWN_TRADE" && row.trade === null)).toBe(true);

    expect((await page(admin, "?outcome=CREDITED")).status).toBe(400);
    expect((await page(shopper)).status).toBe(403);
  });
});

describe("the return page and the job", () => {
  test("coming back says 'checking' until Alipay's signed answer says paid; a forged answer changes nothing; a stranger gets 404", async () => {
    const { trade } = await startTopUp(shopper);
    const before = await wallet(shopper.id);
    const page = async (person: Person) =>
      respond(() => paymentLoader(args(getRequest(`/payments/${trade.id}`, person.cookie), { id: trade.id })));
    const status = async () => ((await (await page(shopper)).json()) as { trade: { status: string } }).trade.status;

    answerQuery({ trade_status: "WAIT_BUYER_PAY", total_amount: "88.00", out_trade_no: trade.outTradeNo, trade_no: "" });
    expect(await status()).toBe("CREATED");
    await db.paymentTrade.update({ where: { id: trade.id }, data: { checkedAt: null } });
    answerQuery(
      { trade_status: "TRADE_SUCCESS", total_amount: "88.00", out_trade_no: trade.outTradeNo, trade_no: "2026120422009999" },
      { badSign: true },
    );
    expect(await status()).toBe("CREATED");
    expect(await wallet(shopper.id)).toEqual(before);

    await db.paymentTrade.update({ where: { id: trade.id }, data: { checkedAt: null } });
    answerQuery({ trade_status: "TRADE_SUCCESS", total_amount: "88.00", out_trade_no: trade.outTradeNo, trade_no: "2026120422009999" });
    expect(await status()).toBe("PAID");
    expect((await wallet(shopper.id)).balanceFen - before.balanceFen).toBe(8800);
    // The notification arriving afterwards is the same payment.
    expect(await notify(notice(trade, { trade_no: "2026120422009999" }))).toBe("success");
    expect(await credits(trade.id)).toHaveLength(1);
    expect((await page(stranger)).status).toBe(404);
  });

  test("the job pays a trade whose notification never came and closes one left unpaid past its time", async () => {
    const buyer = await sessionUser("SHOPPER");
    const paid = await startTopUp(buyer);
    const unpaid = await startTopUp(buyer);
    const gone = await startTopUp(buyer);
    const before = await wallet(buyer.id);
    const later = new Date(Date.now() + 40 * 60_000);
    answerGateway("alipay.trade.query", ({ out_trade_no: outTradeNo = "" }): Record<string, string> =>
      outTradeNo === paid.trade.outTradeNo
        ? { trade_status: "TRADE_SUCCESS", total_amount: "88.00", trade_no: "2026120422007777", out_trade_no: outTradeNo }
        : outTradeNo === unpaid.trade.outTradeNo
          ? { trade_status: "WAIT_BUYER_PAY", total_amount: "88.00", trade_no: "", out_trade_no: outTradeNo }
          : { code: "40004", msg: "Business Failed", sub_code: "ACQ.TRADE_NOT_EXIST" },
    );
    const ids = [paid.trade.id, unpaid.trade.id, gone.trade.id];
    await db.paymentTrade.updateMany({ where: { id: { notIn: ids } }, data: { status: "CLOSED" } });
    const result = await checkOpenTrades(later);
    expect(result).toEqual({ checked: 3, paid: 1, closed: 2 });
    const statuses = await db.paymentTrade.findMany({ where: { id: { in: ids } }, select: { id: true, status: true } });
    expect(Object.fromEntries(statuses.map((row) => [row.id, row.status]))).toEqual({
      [paid.trade.id]: "PAID",
      [unpaid.trade.id]: "CLOSED",
      [gone.trade.id]: "CLOSED",
    });
    expect((await wallet(buyer.id)).balanceFen - before.balanceFen).toBe(8800);
  });

  test("a shopper with five unpaid trades open is asked to finish one first", async () => {
    const person = await sessionUser("SHOPPER");
    for (let index = 0; index < 5; index += 1) await startTopUp(person, "10");
    const request = new Request(`${BASE}/wallet`, {
      method: "POST",
      headers: { Cookie: person.cookie, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ amount: "10", method: "alipay" }).toString(),
    });
    const refused = await respond(() => walletAction(args(request)));
    expect(refused.status).toBe(429);
    expect(await db.paymentTrade.count({ where: { userId: person.id } })).toBe(5);
  });
});

describe("paying an order", () => {
  async function unpaidOrder() {
    const buyer = await sessionUser("SHOPPER");
    const placed = await placeNewOrder(buyer, world.listingId);
    const order = await db.order.findUniqueOrThrow({ where: { id: placed.orderId }, select: { status: true, totalFen: true } });
    expect(order.status).toBe("PENDING_PAYMENT");
    return { buyer, orderId: placed.orderId, totalFen: order.totalFen };
  }
  async function payWithAlipay(buyer: Person, orderId: string) {
    const request = new Request(`${BASE}/orders/${orderId}`, {
      method: "POST",
      headers: { Cookie: buyer.cookie, "Content-Type": "application/x-www-form-urlencoded" },
      body: "intent=pay&intent=pay-alipay",
    });
    const response = await respond(() => orderAction(args(request, { id: orderId })));
    expect(response.status).toBe(302);
    const cashier = new URL(response.headers.get("Location") ?? "");
    expect(cashier.searchParams.get("method")).toBe("alipay.trade.page.pay");
    const biz = JSON.parse(cashier.searchParams.get("biz_content") ?? "{}") as Record<string, string>;
    return db.paymentTrade.findUniqueOrThrow({ where: { outTradeNo: biz.out_trade_no ?? "" } });
  }

  test("the notification pays the order through the ledger: in from Alipay, out to the order, the balance as before", async () => {
    const { buyer, orderId, totalFen } = await unpaidOrder();
    const trade = await payWithAlipay(buyer, orderId);
    expect(trade).toMatchObject({ purpose: "ORDER", orderId, amountFen: totalFen });
    const before = await wallet(buyer.id);
    const total = `${Math.floor(totalFen / 100)}.${String(totalFen % 100).padStart(2, "0")}`;
    expect(await notify(notice(trade, { total_amount: total }))).toBe("success");
    const order = await db.order.findUniqueOrThrow({ where: { id: orderId }, select: { status: true, paidFen: true } });
    expect(order).toEqual({ status: "PAID", paidFen: totalFen });
    expect(await wallet(buyer.id)).toEqual(before);
    const ledger = await db.walletEntry.findMany({
      where: { userId: buyer.id },
      select: { kind: true, amountFen: true },
      orderBy: { createdAt: "asc" },
    });
    expect(ledger).toEqual([
      { kind: "DEPOSIT", amountFen: totalFen },
      { kind: "CHARGE", amountFen: -totalFen },
    ]);
    // Paying it again from the order page is refused: it is paid.
    const again = new Request(`${BASE}/orders/${orderId}`, {
      method: "POST",
      headers: { Cookie: buyer.cookie, "Content-Type": "application/x-www-form-urlencoded" },
      body: "intent=pay-alipay",
    });
    expect((await respond(() => orderAction(args(again, { id: orderId })))).status).toBe(409);
  });

  test("an order paid from the wallet meanwhile keeps the Alipay money in the wallet, never charged twice", async () => {
    const { buyer, orderId, totalFen } = await unpaidOrder();
    const trade = await payWithAlipay(buyer, orderId);
    await deposit(buyer.id, totalFen);
    const pay = new Request(`${BASE}/orders/${orderId}`, {
      method: "POST",
      headers: { Cookie: buyer.cookie, "Content-Type": "application/x-www-form-urlencoded" },
      body: "intent=pay",
    });
    expect((await respond(() => orderAction(args(pay, { id: orderId })))).status).toBe(302);
    const total = `${Math.floor(totalFen / 100)}.${String(totalFen % 100).padStart(2, "0")}`;
    expect(await notify(notice(trade, { total_amount: total }))).toBe("success");
    expect((await wallet(buyer.id)).balanceFen).toBe(totalFen);
    expect(await db.walletEntry.count({ where: { userId: buyer.id, kind: "CHARGE" } })).toBe(1);
    expect(await outcomes(trade.outTradeNo)).toEqual(["KEPT_IN_WALLET"]);
  });

  test("another shopper's order cannot be paid with Alipay", async () => {
    const { orderId } = await unpaidOrder();
    const request = new Request(`${BASE}/orders/${orderId}`, {
      method: "POST",
      headers: { Cookie: stranger.cookie, "Content-Type": "application/x-www-form-urlencoded" },
      body: "intent=pay-alipay",
    });
    expect((await respond(() => orderAction(args(request, { id: orderId })))).status).toBe(404);
    expect(await db.paymentTrade.count({ where: { orderId } })).toBe(0);
  });
});
