import { keys, WECHATPAY_APP_ID, WECHATPAY_MCH_ID } from "./wechat-test-keys";
import crypto from "node:crypto";
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { loader as paymentLoader } from "~/routes/payments.$id";
import { action as walletAction, loader as walletLoader } from "~/routes/wallet";
import { action as orderAction, loader as orderLoader } from "~/routes/orders.$id";
import { checkOpenTrades } from "~/services/payment-trades.server";
import { sendPendingRefunds } from "~/services/payment-refunds.server";
import { db } from "~/utils/db.server";
import { answerWechat, noticeBody, notifyWechat, transaction, wechatHeaders } from "./wechat-fixtures";
import { BASE, getRequest, respond } from "./helpers";
import { asActor, move, placeNewOrder, seedOrderWorld, sessionUser, wallet } from "./order-fixtures";
import { args, type Person } from "./returns-fixtures";

// WeChat Pay (API v3) on a real database, with keys this file generates (no real credentials): the
// merchant's key signs what we send, the "WeChat Pay" key signs what WeChat Pay answers and notifies,
// msw plays api.mch.weixin.qq.com. As with Alipay, the notification (or our signed query) is the only
// thing that moves money, once, whatever arrives twice, late, out of order or at once.

const PHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Mobile";
const DESKTOP = "Mozilla/5.0 (Windows NT 10.0; Win64; x64)";
const H5_URL = "https://wx.tenpay.com/cgi-bin/mmpayweb-bin/checkmweb?prepay_id=wx2016121516420242444321ca0631331346&package=1405458241";
const CODE_URL = "weixin://wxpay/bizpayurl?pr=p4lpSuKzz";

let shopper: Person;
let stranger: Person;
let world: Awaited<ReturnType<typeof seedOrderWorld>>;

beforeAll(async () => {
  [shopper, stranger] = await Promise.all([sessionUser("SHOPPER"), sessionUser("SHOPPER")]);
  world = await seedOrderWorld();
});
afterAll(() => fs.rmSync(keys.dir, { recursive: true, force: true }));

const post = (person: Person, path: string, body: Record<string, string>, userAgent = DESKTOP) =>
  new Request(`${BASE}${path}`, {
    method: "POST",
    headers: {
      Cookie: person.cookie,
      "Content-Type": "application/x-www-form-urlencoded",
      "User-Agent": userAgent,
      "X-Client-Ip": "203.0.113.7",
    },
    body: new URLSearchParams(body).toString(),
  });

/** A top-up through WeChat Pay: H5 on a phone, Native on a desktop; returns where we were sent, the order WeChat got, and the trade. */
async function startTopUp(person: Person, device: "phone" | "desktop" = "desktop", amount = "88") {
  const calls =
    device === "phone"
      ? answerWechat("POST", "/v3/pay/transactions/h5", { body: { h5_url: H5_URL } })
      : answerWechat("POST", "/v3/pay/transactions/native", { body: { code_url: CODE_URL } });
  const response = await respond(() =>
    walletAction(args(post(person, "/wallet", { amount, method: "wechat" }, device === "phone" ? PHONE : DESKTOP))),
  );
  expect(response.status).toBe(302);
  const sent = calls.at(-1)?.body ?? {};
  const trade = await db.paymentTrade.findUniqueOrThrow({ where: { outTradeNo: String(sent.out_trade_no) } });
  return { location: response.headers.get("Location") ?? "", sent, trade };
}

const outcomes = async (outTradeNo: string) =>
  (
    await db.paymentNotice.findMany({ where: { outTradeNo }, orderBy: { receivedAt: "asc" }, select: { outcome: true, provider: true } })
  ).map((row) => `${row.provider}:${row.outcome}`);
const credits = (tradeId: string) => db.walletEntry.findMany({ where: { tradeId }, select: { amountFen: true, kind: true, userId: true } });
const paidNotice = (trade: { outTradeNo: string; amountFen: number }, overrides: Record<string, unknown> = {}) =>
  noticeBody("TRANSACTION.SUCCESS", transaction(trade, overrides));
const accepted = { status: 200, body: "" };

describe("starting a top-up", () => {
  test("a phone gets WeChat's H5 page for exactly the amount, signed, sending it back to /payments/:id", async () => {
    const page = (await (await respond(() => walletLoader(args(getRequest("/wallet", shopper.cookie))))).json()) as {
      alipay: boolean;
      wechat: boolean;
    };
    expect(page).toMatchObject({ alipay: false, wechat: true });
    const { location, sent, trade } = await startTopUp(shopper, "phone");
    expect(location).toBe(`${H5_URL}&redirect_url=${encodeURIComponent(`http://localhost:3000/payments/${trade.id}`)}`);
    expect(sent).toMatchObject({
      appid: WECHATPAY_APP_ID,
      mchid: WECHATPAY_MCH_ID,
      notify_url: "http://localhost:3000/payments/wechat/notify",
      amount: { total: 8800, currency: "CNY" },
      scene_info: { payer_client_ip: "203.0.113.7", h5_info: { type: "Wap" } },
    });
    expect(String(sent.time_expire)).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/);
    expect(new Date(String(sent.time_expire)).getTime()).toBe(Math.floor(trade.expiresAt.getTime() / 1000) * 1000);
    expect(trade).toMatchObject({
      provider: "WECHAT",
      userId: shopper.id,
      amountFen: 8800,
      status: "CREATED",
      purpose: "TOPUP",
      codeUrl: null,
    });
  });

  test("a desktop gets the Native order's QR code on /payments/:id, which keeps checking; a stranger gets 404", async () => {
    const { location, trade } = await startTopUp(shopper, "desktop");
    expect(location).toBe(`http://localhost:3000/payments/${trade.id}`);
    expect(trade.codeUrl).toBe(CODE_URL);
    const queries = answerWechat("GET", `/v3/pay/transactions/out-trade-no/${trade.outTradeNo}`, {
      body: {
        appid: WECHATPAY_APP_ID,
        mchid: WECHATPAY_MCH_ID,
        out_trade_no: trade.outTradeNo,
        trade_state: "NOTPAY",
        trade_state_desc: "订单未支付",
      },
    });
    const page = async (person: Person) =>
      respond(() => paymentLoader(args(getRequest(`/payments/${trade.id}`, person.cookie), { id: trade.id })));
    const shown = (await (await page(shopper)).json()) as {
      trade: { status: string; provider: string; codeUrl?: string };
      qrSvg: string | null;
    };
    expect(shown.trade).toMatchObject({ status: "CREATED", provider: "WECHAT" });
    expect(shown.trade.codeUrl).toBeUndefined();
    expect(shown.qrSvg).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
    expect(queries).toHaveLength(1);
    expect(queries[0]?.url.searchParams.get("mchid")).toBe(WECHATPAY_MCH_ID);
    expect((await page(stranger)).status).toBe(404);

    // Paid: the page says so and shows no code any more.
    expect(await notifyWechat(paidNotice(trade))).toEqual(accepted);
    const after = (await (await page(shopper)).json()) as { trade: { status: string }; qrSvg: string | null };
    expect(after).toMatchObject({ trade: { status: "PAID" }, qrSvg: null });
  });

  test("WeChat Pay refusing the order closes the trade and says WeChat Pay is unavailable", async () => {
    const person = await sessionUser("SHOPPER");
    answerWechat("POST", "/v3/pay/transactions/native", { status: 400, body: { code: "PARAM_ERROR", message: "参数错误" } });
    const response = await respond(() => walletAction(args(post(person, "/wallet", { amount: "20", method: "wechat" }))));
    expect(response.status).toBe(400);
    expect(JSON.stringify(await response.json())).toContain("wallet:errors.wechatUnavailable");
    expect(await db.paymentTrade.findMany({ where: { userId: person.id }, select: { status: true } })).toEqual([{ status: "CLOSED" }]);
  });
});

describe("notifications", () => {
  test("a signed notification credits the wallet once; the same one again (WeChat retries) credits nothing", async () => {
    const { trade } = await startTopUp(shopper);
    const before = await wallet(shopper.id);
    const body = paidNotice(trade);
    expect(await notifyWechat(body)).toEqual(accepted);
    expect(await notifyWechat(body)).toEqual(accepted);
    const after = await wallet(shopper.id);
    expect(after.balanceFen - before.balanceFen).toBe(8800);
    expect(after.ledgerFen).toBe(after.balanceFen);
    expect(await credits(trade.id)).toEqual([{ amountFen: 8800, kind: "DEPOSIT", userId: shopper.id }]);
    const paid = await db.paymentTrade.findUniqueOrThrow({ where: { id: trade.id } });
    expect(paid.status).toBe("PAID");
    expect(paid.providerTradeNo).toMatch(/^42000/);
    expect(await outcomes(trade.outTradeNo)).toEqual(["WECHAT:CREDITED", "WECHAT:DUPLICATE"]);
  });

  test("five identical notifications at once credit it once", async () => {
    const { trade } = await startTopUp(shopper);
    const before = await wallet(shopper.id);
    const body = paidNotice(trade);
    const headers = wechatHeaders(body);
    const replies = await Promise.all(Array.from({ length: 5 }, () => notifyWechat(body, headers)));
    expect(replies).toEqual(Array(5).fill(accepted));
    expect((await wallet(shopper.id)).balanceFen - before.balanceFen).toBe(8800);
    expect(await credits(trade.id)).toHaveLength(1);
    expect((await outcomes(trade.outTradeNo)).sort()).toEqual([
      "WECHAT:CREDITED",
      "WECHAT:DUPLICATE",
      "WECHAT:DUPLICATE",
      "WECHAT:DUPLICATE",
      "WECHAT:DUPLICATE",
    ]);
  });

  test("a bad signature, an old timestamp, another key's serial or a resource that does not decrypt: refused with FAIL, so WeChat sends again", async () => {
    const { trade } = await startTopUp(shopper);
    const before = await wallet(shopper.id);
    const body = paidNotice(trade);
    const fail = (status: number) => ({ status, body: expect.stringContaining('"code":"FAIL"') as unknown });
    // Signed for one body, sent with another.
    expect(await notifyWechat(paidNotice(trade, { amount: { total: 880000, currency: "CNY" } }), wechatHeaders(body))).toEqual(fail(401));
    const forger = crypto.generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey;
    expect(await notifyWechat(body, wechatHeaders(body, { key: forger }))).toEqual(fail(401));
    expect(await notifyWechat(body, wechatHeaders(body, { timestamp: Math.floor(Date.now() / 1000) - 600 }))).toEqual(fail(401));
    expect(await notifyWechat(body, wechatHeaders(body, { serial: "PUB_KEY_ID_0000000000000000000000000000" }))).toEqual(fail(401));
    expect(await notifyWechat(body, {})).toEqual(fail(401));
    // Signed, but encrypted under another key, or not a notification at all.
    const otherKey = noticeBody("TRANSACTION.SUCCESS", transaction(trade), { key: "ffffffffffffffffffffffffffffffff" });
    expect(await notifyWechat(otherKey)).toEqual(fail(400));
    expect(await notifyWechat('{"event_type":"TRANSACTION.SUCCESS"}')).toEqual(fail(400));
    expect(await notifyWechat("not json")).toEqual(fail(400));
    expect(await wallet(shopper.id)).toEqual(before);
    expect((await db.paymentTrade.findUniqueOrThrow({ where: { id: trade.id } })).status).toBe("CREATED");
    const recorded = await db.paymentNotice.findMany({ where: { provider: "WECHAT", outTradeNo: null }, select: { outcome: true } });
    expect(recorded.filter((row) => row.outcome === "BAD_SIGNATURE").length).toBeGreaterThanOrEqual(5);
    expect(recorded.filter((row) => row.outcome === "MALFORMED").length).toBeGreaterThanOrEqual(3);
  });

  test("signed but not ours — wrong amount, mchid, appid, currency — is recorded as a mismatch and credits nothing", async () => {
    const { trade } = await startTopUp(shopper);
    const before = await wallet(shopper.id);
    expect(await notifyWechat(paidNotice(trade, { amount: { total: 1, currency: "CNY" } }))).toEqual(accepted);
    expect(await notifyWechat(paidNotice(trade, { mchid: "1900000009" }))).toEqual(accepted);
    expect(await notifyWechat(paidNotice(trade, { appid: "wx9999999999999999" }))).toEqual(accepted);
    expect(await notifyWechat(paidNotice(trade, { amount: { total: 8800, currency: "USD" } }))).toEqual(accepted);
    expect(await wallet(shopper.id)).toEqual(before);
    expect((await db.paymentTrade.findUniqueOrThrow({ where: { id: trade.id } })).status).toBe("CREATED");
    expect(await outcomes(trade.outTradeNo)).toEqual(["WECHAT:MISMATCH", "WECHAT:MISMATCH", "WECHAT:MISMATCH", "WECHAT:MISMATCH"]);
  });

  test("an unknown trade is recorded; a CLOSED after SUCCESS leaves the trade paid", async () => {
    expect(await notifyWechat(paidNotice({ outTradeNo: "TU000000NOSUCHTRADE", amountFen: 100 }))).toEqual(accepted);
    expect(await outcomes("TU000000NOSUCHTRADE")).toEqual(["WECHAT:UNKNOWN_TRADE"]);

    const { trade } = await startTopUp(shopper);
    const before = await wallet(shopper.id);
    const paid = transaction(trade);
    expect(await notifyWechat(noticeBody("TRANSACTION.SUCCESS", paid))).toEqual(accepted);
    expect(await notifyWechat(noticeBody("TRANSACTION.SUCCESS", { ...paid, trade_state: "CLOSED" }))).toEqual(accepted);
    expect((await db.paymentTrade.findUniqueOrThrow({ where: { id: trade.id } })).status).toBe("PAID");
    expect((await wallet(shopper.id)).balanceFen - before.balanceFen).toBe(8800);
    expect(await outcomes(trade.outTradeNo)).toEqual(["WECHAT:CREDITED", "WECHAT:STALE"]);
  });
});

describe("the query job", () => {
  test("pays a trade whose notification never came, closes one left unpaid past its time", async () => {
    const buyer = await sessionUser("SHOPPER");
    const paid = await startTopUp(buyer);
    const unpaid = await startTopUp(buyer, "phone");
    const before = await wallet(buyer.id);
    const ids = [paid.trade.id, unpaid.trade.id];
    await db.paymentTrade.updateMany({ where: { id: { notIn: ids } }, data: { status: "CLOSED" } });
    const queries = answerWechat("GET", "/v3/pay/transactions/out-trade-no/:outTradeNo", ({ url }) => {
      const outTradeNo = decodeURIComponent(url.pathname.split("/").at(-1) ?? "");
      return outTradeNo === paid.trade.outTradeNo
        ? { body: transaction(paid.trade, { transaction_id: "4200000000000000777" }) }
        : { status: 404, body: { code: "ORDER_NOT_EXIST", message: "订单不存在" } };
    });
    const result = await checkOpenTrades(new Date(Date.now() + 40 * 60_000));
    expect(result).toEqual({ checked: 2, paid: 1, closed: 1 });
    expect(queries).toHaveLength(2);
    const statuses = await db.paymentTrade.findMany({
      where: { id: { in: ids } },
      select: { id: true, status: true, providerTradeNo: true },
    });
    expect(Object.fromEntries(statuses.map((row) => [row.id, [row.status, row.providerTradeNo]]))).toEqual({
      [paid.trade.id]: ["PAID", "4200000000000000777"],
      [unpaid.trade.id]: ["CLOSED", null],
    });
    expect((await wallet(buyer.id)).balanceFen - before.balanceFen).toBe(8800);
    // The notification arriving afterwards is the same payment.
    expect(await notifyWechat(paidNotice(paid.trade, { transaction_id: "4200000000000000777" }))).toEqual(accepted);
    expect(await credits(paid.trade.id)).toHaveLength(1);
  });

  test("an answer not signed by WeChat Pay changes nothing", async () => {
    const { trade } = await startTopUp(shopper);
    answerWechat("GET", `/v3/pay/transactions/out-trade-no/${trade.outTradeNo}`, { body: transaction(trade), sign: "bad" });
    const status = async () =>
      (
        (await (
          await respond(() => paymentLoader(args(getRequest(`/payments/${trade.id}`, shopper.cookie), { id: trade.id })))
        ).json()) as {
          trade: { status: string };
        }
      ).trade.status;
    expect(await status()).toBe("CREATED");
    await db.paymentTrade.update({ where: { id: trade.id }, data: { checkedAt: null } });
    answerWechat("GET", `/v3/pay/transactions/out-trade-no/${trade.outTradeNo}`, { body: transaction(trade), sign: "none" });
    expect(await status()).toBe("CREATED");
    expect(await credits(trade.id)).toHaveLength(0);
  });
});

describe("paying an order, and refunds back to WeChat Pay", () => {
  async function paidWithWechat(choose = true) {
    const buyer = await sessionUser("SHOPPER");
    const { orderId } = await placeNewOrder(buyer, world.listingId);
    const calls = answerWechat("POST", "/v3/pay/transactions/native", { body: { code_url: CODE_URL } });
    const started = await respond(() => orderAction(args(post(buyer, `/orders/${orderId}`, { intent: "pay-wechat" }), { id: orderId })));
    expect(started.status).toBe(302);
    const trade = await db.paymentTrade.findUniqueOrThrow({ where: { outTradeNo: String(calls[0]?.body.out_trade_no) } });
    expect(started.headers.get("Location")).toBe(`http://localhost:3000/payments/${trade.id}`);
    const paid = transaction(trade);
    expect(await notifyWechat(noticeBody("TRANSACTION.SUCCESS", paid))).toEqual(accepted);
    if (choose)
      expect(
        (
          await respond(() =>
            orderAction(args(post(buyer, `/orders/${orderId}`, { intent: "refund-to", refundTo: "ORIGINAL" }), { id: orderId })),
          )
        ).status,
      ).toBe(302);
    return { buyer, orderId, trade, transactionId: paid.transaction_id, totalFen: trade.amountFen };
  }
  const refundsOf = (orderId: string) =>
    db.paymentRefund.findMany({
      where: { orderId },
      select: { id: true, status: true, amountFen: true, outRequestNo: true, attempts: true },
    });
  const walletRefunds = (userId: string) => db.walletEntry.findMany({ where: { userId, kind: "REFUND" }, select: { amountFen: true } });
  const later = (minutes: number) => new Date(Date.now() + minutes * 60_000);
  const refundResource = (
    paid: { trade: { outTradeNo: string }; transactionId: string; totalFen: number },
    outRefundNo: string,
    status = "SUCCESS",
    overrides: Record<string, unknown> = {},
  ) => ({
    mchid: WECHATPAY_MCH_ID,
    out_trade_no: paid.trade.outTradeNo,
    transaction_id: paid.transactionId,
    out_refund_no: outRefundNo,
    refund_id: `50000${crypto.randomInt(100_000_000, 999_999_999)}`,
    refund_status: status,
    success_time: "2026-12-04T15:00:00+08:00",
    user_received_account: "支付用户零钱",
    amount: { total: paid.totalFen, refund: paid.totalFen, payer_total: paid.totalFen, payer_refund: paid.totalFen },
    ...overrides,
  });

  test("the notification pays the order through the ledger; another shopper's order cannot be paid (404)", async () => {
    const { buyer, orderId, trade, totalFen } = await paidWithWechat(false);
    expect(trade).toMatchObject({ provider: "WECHAT", purpose: "ORDER", orderId, amountFen: totalFen });
    expect(await db.order.findUniqueOrThrow({ where: { id: orderId }, select: { status: true, paidFen: true } })).toEqual({
      status: "PAID",
      paidFen: totalFen,
    });
    expect((await wallet(buyer.id)).balanceFen).toBe(0);
    expect(
      await db.walletEntry.findMany({
        where: { userId: buyer.id },
        select: { kind: true, amountFen: true },
        orderBy: { createdAt: "asc" },
      }),
    ).toEqual([
      { kind: "DEPOSIT", amountFen: totalFen },
      { kind: "CHARGE", amountFen: -totalFen },
    ]);
    const other = await placeNewOrder(await sessionUser("SHOPPER"), world.listingId);
    const refused = await respond(() =>
      orderAction(args(post(stranger, `/orders/${other.orderId}`, { intent: "pay-wechat" }), { id: other.orderId })),
    );
    expect(refused.status).toBe(404);
    expect(await db.paymentTrade.count({ where: { orderId: other.orderId } })).toBe(0);
  });

  test("a cancellation's refund is sent to WeChat Pay once, PROCESSING waits, REFUND.SUCCESS settles it once", async () => {
    const paid = await paidWithWechat();
    const { buyer, orderId, totalFen } = paid;
    const section = (
      (await (await respond(() => orderLoader(args(getRequest(`/orders/${orderId}`, buyer.cookie), { id: orderId })))).json()) as {
        refund: { canChoose: boolean; refundTo: string; provider: string };
      }
    ).refund;
    expect(section).toMatchObject({ canChoose: true, refundTo: "ORIGINAL", provider: "WECHAT" });

    await move(asActor(buyer), orderId, "CANCELLED");
    const [pending] = await refundsOf(orderId);
    expect(pending).toMatchObject({ status: "PENDING", amountFen: totalFen });
    expect(await walletRefunds(buyer.id)).toEqual([]);

    const sent = answerWechat("POST", "/v3/refund/domestic/refunds", { body: { refund_id: "50000000001", status: "PROCESSING" } });
    expect(await sendPendingRefunds(later(1))).toEqual({ sent: 1, refunded: 0, toWallet: 0 });
    expect(sent.map((call) => call.body)).toEqual([
      {
        out_trade_no: paid.trade.outTradeNo,
        out_refund_no: pending?.outRequestNo,
        reason: expect.any(String) as unknown,
        notify_url: "http://localhost:3000/payments/wechat/notify",
        amount: { refund: totalFen, total: totalFen, currency: "CNY" },
      },
    ]);
    expect((await refundsOf(orderId))[0]).toMatchObject({ status: "PENDING", attempts: 1 });

    const body = noticeBody("REFUND.SUCCESS", refundResource(paid, pending?.outRequestNo ?? ""));
    expect(await notifyWechat(body)).toEqual(accepted);
    expect(await notifyWechat(body)).toEqual(accepted);
    expect((await refundsOf(orderId))[0]?.status).toBe("SUCCEEDED");
    expect(await walletRefunds(buyer.id)).toEqual([]);
    expect(await outcomes(paid.trade.outTradeNo)).toEqual(["WECHAT:CREDITED", "WECHAT:REFUNDED", "WECHAT:DUPLICATE"]);
    const events = await db.orderEvent.findMany({ where: { orderId, kind: "MONEY" }, select: { messageKey: true, params: true } });
    expect(events.map((event) => `${event.messageKey}:${(JSON.parse(event.params) as { context?: string }).context ?? ""}`)).toEqual(
      expect.arrayContaining(["refundedFull:wechat", "refundReachedAlipay:wechat"]),
    );
    // Nothing left to send.
    expect(await sendPendingRefunds(later(60))).toEqual({ sent: 0, refunded: 0, toWallet: 0 });
  });

  test("after an outage the refund query finds nothing and the refund is sent again (the same out_refund_no); then the query answers SUCCESS", async () => {
    const paid = await paidWithWechat();
    await move(asActor(paid.buyer), paid.orderId, "CANCELLED");
    const [pending] = await refundsOf(paid.orderId);
    const sent = answerWechat("POST", "/v3/refund/domestic/refunds", { status: 503, body: { code: "SYSTEM_ERROR", message: "系统繁忙" } });
    expect(await sendPendingRefunds(later(1))).toMatchObject({ sent: 1, refunded: 0, toWallet: 0 });
    expect((await refundsOf(paid.orderId))[0]).toMatchObject({ status: "PENDING", attempts: 1 });

    const unknown = answerWechat("GET", `/v3/refund/domestic/refunds/${pending?.outRequestNo}`, {
      status: 404,
      body: { code: "RESOURCE_NOT_EXISTS", message: "退款单不存在" },
    });
    const resent = answerWechat("POST", "/v3/refund/domestic/refunds", { body: { status: "PROCESSING", refund_id: "5000001" } });
    expect(await sendPendingRefunds(later(10))).toMatchObject({ sent: 1, refunded: 0 });
    expect(unknown).toHaveLength(1);
    expect(resent.map((call) => call.body.out_refund_no)).toEqual([pending?.outRequestNo]);
    expect(sent.length).toBeGreaterThanOrEqual(1);

    const queried = answerWechat("GET", `/v3/refund/domestic/refunds/${pending?.outRequestNo}`, {
      body: { status: "SUCCESS", refund_id: "5000001" },
    });
    expect(await sendPendingRefunds(later(30))).toEqual({ sent: 1, refunded: 1, toWallet: 0 });
    expect(queried).toHaveLength(1);
    expect((await refundsOf(paid.orderId))[0]?.status).toBe("SUCCEEDED");
    expect(await walletRefunds(paid.buyer.id)).toEqual([]);
  });

  test("a final refusal, or REFUND.ABNORMAL, puts the money in the wallet instead, once", async () => {
    const refused = await paidWithWechat();
    await move(asActor(refused.buyer), refused.orderId, "CANCELLED");
    answerWechat("POST", "/v3/refund/domestic/refunds", { status: 400, body: { code: "INVALID_REQUEST", message: "订单已全额退款" } });
    expect(await sendPendingRefunds(later(1))).toEqual({ sent: 1, refunded: 0, toWallet: 1 });
    expect((await refundsOf(refused.orderId))[0]?.status).toBe("TO_WALLET");
    expect(await walletRefunds(refused.buyer.id)).toEqual([{ amountFen: refused.totalFen }]);

    // An outage or an unsigned refusal is tried again, never given up on.
    const outage = await paidWithWechat();
    await move(asActor(outage.buyer), outage.orderId, "CANCELLED");
    answerWechat("POST", "/v3/refund/domestic/refunds", { status: 400, body: { code: "INVALID_REQUEST", message: "?" }, sign: "none" });
    expect(await sendPendingRefunds(later(1))).toEqual({ sent: 1, refunded: 0, toWallet: 0 });
    expect((await refundsOf(outage.orderId))[0]?.status).toBe("PENDING");
    // WeChat Pay then says the money could not reach the payer: to the wallet, once.
    const [pending] = await refundsOf(outage.orderId);
    const abnormal = noticeBody("REFUND.ABNORMAL", refundResource(outage, pending?.outRequestNo ?? "", "ABNORMAL"));
    expect(await notifyWechat(abnormal)).toEqual(accepted);
    expect(await notifyWechat(abnormal)).toEqual(accepted);
    expect((await refundsOf(outage.orderId))[0]?.status).toBe("TO_WALLET");
    expect(await walletRefunds(outage.buyer.id)).toEqual([{ amountFen: outage.totalFen }]);
    expect(await outcomes(outage.trade.outTradeNo)).toEqual(["WECHAT:CREDITED", "WECHAT:TO_WALLET", "WECHAT:DUPLICATE"]);
    // A refund notification with the wrong amount is flagged and settles nothing.
    const mismatch = noticeBody(
      "REFUND.SUCCESS",
      refundResource(outage, pending?.outRequestNo ?? "", "SUCCESS", { amount: { total: 1, refund: 1 } }),
    );
    expect(await notifyWechat(mismatch)).toEqual(accepted);
    expect((await outcomes(outage.trade.outTradeNo)).at(-1)).toBe("WECHAT:MISMATCH");
  });
});
