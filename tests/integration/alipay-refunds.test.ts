import { keys } from "./alipay-test-keys";
import fs from "node:fs";
import { http, HttpResponse } from "msw";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { loader as noticesLoader } from "~/routes/admin.payments";
import { action as orderAction, loader as orderLoader } from "~/routes/orders.$id";
import { sendPendingRefunds } from "~/services/payment-refunds.server";
import { paymentProvider } from "~/services/payments.server";
import { db } from "~/utils/db.server";
import { server } from "../mocks/server";
import { answerGateway, notice, notify, yuan } from "./alipay-fixtures";
import { ALIPAY_GATEWAY } from "./alipay-test-keys";
import { BASE, getRequest, respond } from "./helpers";
import { asActor, deposit, move, placeNewOrder, seedOrderWorld, sessionUser, wallet } from "./order-fixtures";
import { args, deliveredOrder, file, step, toReceived, type Person } from "./returns-fixtures";

// Refunds back to the Alipay payment that paid an order, on a real database, Alipay played by msw
// and by notifications signed with this file's keys: the shopper's choice, the refund recorded with
// the cancellation and sent by the job, settled once by Alipay's answer or its refund notification,
// retried through an outage, and paid into the wallet when Alipay refuses it for good.

let world: Awaited<ReturnType<typeof seedOrderWorld>>;
let stranger: Person;
let admin: Person;

beforeAll(async () => {
  world = await seedOrderWorld();
  stranger = await sessionUser("SHOPPER");
  admin = await sessionUser("ADMIN");
});
afterAll(() => fs.rmSync(keys.dir, { recursive: true, force: true }));

const post = (person: Person, orderId: string, body: Record<string, string>) =>
  respond(() =>
    orderAction(
      args(
        new Request(`${BASE}/orders/${orderId}`, {
          method: "POST",
          headers: { Cookie: person.cookie, "Content-Type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams(body).toString(),
        }),
        { id: orderId },
      ),
    ),
  );

type RefundSection = { canChoose: boolean; refundTo: string; refunds: { amountFen: number; status: string }[] } | null;
const refundSection = async (person: Person, orderId: string) =>
  (
    (await (await respond(() => orderLoader(args(getRequest(`/orders/${orderId}`, person.cookie), { id: orderId })))).json()) as {
      refund: RefundSection;
    }
  ).refund;

/** An order paid with Alipay (its notification arrived); the shopper chose refunds back to Alipay unless `choose` is false. */
async function paidWithAlipay(choose = true) {
  const buyer = await sessionUser("SHOPPER");
  const { orderId } = await placeNewOrder(buyer, world.listingId);
  const started = await post(buyer, orderId, { intent: "pay-alipay" });
  expect(started.status).toBe(302);
  const biz = JSON.parse(new URL(started.headers.get("Location") ?? "").searchParams.get("biz_content") ?? "{}") as Record<string, string>;
  const trade = await db.paymentTrade.findUniqueOrThrow({ where: { outTradeNo: biz.out_trade_no ?? "" } });
  const paid = notice(trade, { total_amount: yuan(trade.amountFen) });
  expect(await notify(paid)).toBe("success");
  if (choose) expect((await post(buyer, orderId, { intent: "refund-to", refundTo: "ORIGINAL" })).status).toBe(302);
  return { buyer, orderId, trade, tradeNo: paid.trade_no ?? "", totalFen: trade.amountFen };
}

const refundsOf = (orderId: string) =>
  db.paymentRefund.findMany({
    where: { orderId },
    select: { id: true, status: true, amountFen: true, outRequestNo: true, attempts: true, nextAttemptAt: true, lastError: true },
  });
const walletRefunds = (userId: string) => db.walletEntry.findMany({ where: { userId, kind: "REFUND" }, select: { amountFen: true } });
const moneyEvents = async (orderId: string) =>
  (
    await db.orderEvent.findMany({
      where: { orderId, kind: "MONEY" },
      select: { messageKey: true, params: true },
      orderBy: { createdAt: "asc" },
    })
  ).map((event) => `${event.messageKey}${(JSON.parse(event.params) as { context?: string }).context === "alipay" ? ":alipay" : ""}`);

/** Alipay's notification of a refund: the trade's notification with out_biz_no, refund_fee and gmt_refund. */
const refundNotice = (paid: { trade: { outTradeNo: string }; tradeNo: string; totalFen: number }, outBizNo: string, refundFee: string) =>
  notice(paid.trade, {
    trade_no: paid.tradeNo,
    trade_status: "TRADE_CLOSED",
    total_amount: yuan(paid.totalFen),
    out_biz_no: outBizNo,
    refund_fee: refundFee,
    gmt_refund: "2026-12-04 15:00:00.123",
  });

const later = (minutes: number) => new Date(Date.now() + minutes * 60_000);

describe("choosing where refunds go", () => {
  test("an order paid with Alipay offers the choice; the choice is saved, a bad one is a 400, a stranger's a 404", async () => {
    const { buyer, orderId } = await paidWithAlipay(false);
    expect(await refundSection(buyer, orderId)).toMatchObject({ canChoose: true, refundTo: "WALLET", refunds: [] });
    expect((await post(buyer, orderId, { intent: "refund-to", refundTo: "BANK" })).status).toBe(400);
    expect((await post(buyer, orderId, { intent: "refund-to" })).status).toBe(400);
    expect((await post(stranger, orderId, { intent: "refund-to", refundTo: "ORIGINAL" })).status).toBe(404);
    expect((await refundSection(buyer, orderId))?.refundTo).toBe("WALLET");
    expect((await post(buyer, orderId, { intent: "refund-to", refundTo: "ORIGINAL" })).status).toBe(302);
    expect((await refundSection(buyer, orderId))?.refundTo).toBe("ORIGINAL");
  });

  test("an order paid from the wallet cannot send refunds to Alipay: 409, and its page offers no choice", async () => {
    const buyer = await sessionUser("SHOPPER");
    const { orderId } = await placeNewOrder(buyer, world.listingId);
    const { totalFen } = await db.order.findUniqueOrThrow({ where: { id: orderId }, select: { totalFen: true } });
    await deposit(buyer.id, totalFen);
    expect((await post(buyer, orderId, { intent: "pay" })).status).toBe(302);
    expect(await refundSection(buyer, orderId)).toMatchObject({ canChoose: false, refundTo: "WALLET" });
    expect((await post(buyer, orderId, { intent: "refund-to", refundTo: "ORIGINAL" })).status).toBe(409);
    expect((await refundSection(buyer, orderId))?.refundTo).toBe("WALLET");
  });

  test("without the choice a cancelled Alipay order's money goes to the wallet at once, as before", async () => {
    const { buyer, orderId, totalFen } = await paidWithAlipay(false);
    await move(asActor(buyer), orderId, "CANCELLED");
    expect(await walletRefunds(buyer.id)).toEqual([{ amountFen: totalFen }]);
    expect((await wallet(buyer.id)).balanceFen).toBe(totalFen);
    expect(await refundsOf(orderId)).toEqual([]);
    expect(await moneyEvents(orderId)).toContain("refundedFull");
  });
});

describe("sending a refund back to Alipay", () => {
  test("a cancellation refunds the Alipay payment: sent once with its amount, settled, and the wallet untouched", async () => {
    const paid = await paidWithAlipay();
    const { buyer, orderId, totalFen } = paid;
    await move(asActor(buyer), orderId, "CANCELLED");
    const [pending] = await refundsOf(orderId);
    expect(pending).toMatchObject({ status: "PENDING", amountFen: totalFen });
    expect(await walletRefunds(buyer.id)).toEqual([]);
    expect(await moneyEvents(orderId)).toContain("refundedFull:alipay");
    expect((await db.order.findUniqueOrThrow({ where: { id: orderId }, select: { paidFen: true } })).paidFen).toBe(0);

    const calls = answerGateway("alipay.trade.refund", (biz) => ({
      fund_change: "Y",
      refund_fee: biz.refund_amount ?? "",
      trade_no: paid.tradeNo,
    }));
    expect(await sendPendingRefunds(later(1))).toEqual({ sent: 1, refunded: 1, toWallet: 0 });
    expect(calls).toEqual([
      expect.objectContaining({
        out_trade_no: paid.trade.outTradeNo,
        out_request_no: pending?.outRequestNo,
        refund_amount: yuan(totalFen),
      }),
    ]);
    expect((await refundsOf(orderId))[0]?.status).toBe("SUCCEEDED");
    expect(await sendPendingRefunds(later(60))).toEqual({ sent: 0, refunded: 0, toWallet: 0 });
    expect(calls).toHaveLength(1);
    expect(await moneyEvents(orderId)).toEqual(["refundedFull:alipay", "refundReachedAlipay"]);
    expect(await db.notification.count({ where: { userId: buyer.id, kind: "ORDER_REFUND_ALIPAY" } })).toBe(1);
    expect(await refundSection(buyer, orderId)).toMatchObject({ refunds: [{ amountFen: totalFen, status: "SUCCEEDED" }] });
    // Its notification comes afterwards: recorded, nothing applied twice.
    expect(await notify(refundNotice(paid, pending?.outRequestNo ?? "", yuan(totalFen)))).toBe("success");
    expect(
      (await db.paymentNotice.findFirstOrThrow({ where: { outTradeNo: paid.trade.outTradeNo }, orderBy: { receivedAt: "desc" } })).outcome,
    ).toBe("DUPLICATE");
    expect(await moneyEvents(orderId)).toHaveLength(2);
    expect((await wallet(buyer.id)).balanceFen).toBe(0);
  });

  test("the refund's notification settles it when Alipay's answer did not; replayed, forged or unknown ones change nothing", async () => {
    const paid = await paidWithAlipay();
    await move(asActor(paid.buyer), paid.orderId, "CANCELLED");
    answerGateway("alipay.trade.refund", { fund_change: "N", refund_fee: "0.00" });
    const queried = answerGateway("alipay.trade.fastpay.refund.query", { refund_status: "", refund_amount: "0.00" });
    expect(await sendPendingRefunds(later(1))).toEqual({ sent: 1, refunded: 0, toWallet: 0 });
    expect(queried).toHaveLength(1);
    const [waiting] = await refundsOf(paid.orderId);
    expect(waiting).toMatchObject({ status: "PENDING", attempts: 1 });
    expect(waiting?.lastError).toMatch(/not paid the refund out/);
    expect(waiting?.nextAttemptAt.getTime()).toBeGreaterThan(later(1).getTime());

    const outcome = async () =>
      (await db.paymentNotice.findFirstOrThrow({ where: { outTradeNo: paid.trade.outTradeNo }, orderBy: { receivedAt: "desc" } })).outcome;
    const good = refundNotice(paid, waiting?.outRequestNo ?? "", yuan(paid.totalFen));
    expect(await notify({ ...good, refund_fee: "0.01" })).toBe("failure");
    expect(await outcome()).toBe("BAD_SIGNATURE");
    expect(await notify(refundNotice(paid, "RF-NOT-OURS", yuan(paid.totalFen)))).toBe("success");
    expect(await outcome()).toBe("UNKNOWN_TRADE");
    expect(await notify(refundNotice(paid, waiting?.outRequestNo ?? "", "0.01"))).toBe("success");
    expect(await outcome()).toBe("MISMATCH");
    expect((await refundsOf(paid.orderId))[0]?.status).toBe("PENDING");

    expect(await notify(good)).toBe("success");
    expect(await outcome()).toBe("REFUNDED");
    expect((await refundsOf(paid.orderId))[0]?.status).toBe("SUCCEEDED");
    expect(await notify(good)).toBe("success");
    expect(await outcome()).toBe("DUPLICATE");
    expect(await moneyEvents(paid.orderId)).toEqual(["refundedFull:alipay", "refundReachedAlipay"]);
    expect(await sendPendingRefunds(later(120))).toEqual({ sent: 0, refunded: 0, toWallet: 0 });
  });

  test("Alipay refusing a refund for good puts the money in the wallet instead, once", async () => {
    const paid = await paidWithAlipay();
    await move(asActor(paid.buyer), paid.orderId, "CANCELLED");
    answerGateway("alipay.trade.refund", {
      code: "40004",
      msg: "Business Failed",
      sub_code: "ACQ.TRADE_NOT_ALLOW_REFUND",
      sub_msg: "当前交易不允许退款",
    });
    expect(await sendPendingRefunds(later(1))).toEqual({ sent: 1, refunded: 0, toWallet: 1 });
    expect(await refundsOf(paid.orderId)).toEqual([
      expect.objectContaining({ status: "TO_WALLET", lastError: expect.stringMatching(/ACQ.TRADE_NOT_ALLOW_REFUND/) }),
    ]);
    expect(await walletRefunds(paid.buyer.id)).toEqual([{ amountFen: paid.totalFen }]);
    expect(await wallet(paid.buyer.id)).toEqual({ balanceFen: paid.totalFen, ledgerFen: paid.totalFen });
    expect(await moneyEvents(paid.orderId)).toEqual(["refundedFull:alipay", "refundAlipayToWallet"]);
    expect(await sendPendingRefunds(later(600))).toEqual({ sent: 0, refunded: 0, toWallet: 0 });
    // Alipay paying it after all would give the shopper the money twice: flagged for an admin, not applied.
    const [refund] = await refundsOf(paid.orderId);
    expect(await notify(refundNotice(paid, refund?.outRequestNo ?? "", yuan(paid.totalFen)))).toBe("success");
    const flagged = await db.paymentNotice.findFirstOrThrow({
      where: { outTradeNo: paid.trade.outTradeNo },
      orderBy: { receivedAt: "desc" },
    });
    expect(flagged).toMatchObject({ outcome: "MISMATCH", detail: expect.stringMatching(/twice/) });
    expect((await wallet(paid.buyer.id)).balanceFen).toBe(paid.totalFen);
  });

  test("an outage or an unsigned refusal is tried again later, and two workers never send one refund at once", async () => {
    const paid = await paidWithAlipay();
    await move(asActor(paid.buyer), paid.orderId, "CANCELLED");
    server.use(http.get(ALIPAY_GATEWAY, () => HttpResponse.error()));
    expect(await sendPendingRefunds(later(1))).toEqual({ sent: 1, refunded: 0, toWallet: 0 });
    const [first] = await refundsOf(paid.orderId);
    expect(first).toMatchObject({ status: "PENDING", attempts: 1 });
    expect(await sendPendingRefunds(later(1))).toEqual({ sent: 0, refunded: 0, toWallet: 0 });

    answerGateway("alipay.trade.refund", { code: "40004", sub_code: "ACQ.TRADE_NOT_ALLOW_REFUND" }, { unsigned: true });
    expect(await sendPendingRefunds(later(5))).toEqual({ sent: 1, refunded: 0, toWallet: 0 });
    expect((await refundsOf(paid.orderId))[0]).toMatchObject({ status: "PENDING", attempts: 2 });

    // A third failure: the admin's payments page lists it, with Alipay's last answer.
    server.use(
      http.get(ALIPAY_GATEWAY, () =>
        HttpResponse.json({ alipay_trade_refund_response: { code: "20000", msg: "Service Currently Unavailable" } }),
      ),
    );
    expect(await sendPendingRefunds(later(10))).toEqual({ sent: 1, refunded: 0, toWallet: 0 });
    const stalled = async () =>
      (
        (await (await respond(() => noticesLoader(args(getRequest("/admin/payments", admin.cookie))))).json()) as {
          stalledRefunds: { outRequestNo: string; attempts: number; lastError: string | null }[];
        }
      ).stalledRefunds;
    expect(await stalled()).toContainEqual(
      expect.objectContaining({ outRequestNo: first?.outRequestNo, attempts: 3, lastError: expect.stringMatching(/20000/) }),
    );

    const calls = answerGateway("alipay.trade.refund", { fund_change: "Y", refund_fee: yuan(paid.totalFen) });
    const [one, two] = await Promise.all([sendPendingRefunds(later(30)), sendPendingRefunds(later(30))]);
    expect((one?.refunded ?? 0) + (two?.refunded ?? 0)).toBe(1);
    expect(calls).toHaveLength(1);
    expect((await refundsOf(paid.orderId))[0]?.status).toBe("SUCCEEDED");
    expect(await walletRefunds(paid.buyer.id)).toEqual([]);
    expect((await stalled()).map((row) => row.outRequestNo)).not.toContain(first?.outRequestNo);
  });
});

describe("a return's refund", () => {
  test("goes back to the Alipay payment the shopper chose, linked to the return, and the wallet is not credited", async () => {
    const agent = await sessionUser("AGENT");
    const { shopper, orderId, totalFen } = await deliveredOrder(agent, [{ listingId: world.cheapListingId, quantity: 1 }]);
    // The order's payment as Alipay's settlement leaves it (deliveredOrder pays from the wallet).
    const trade = await db.paymentTrade.create({
      data: {
        provider: "ALIPAY",
        outTradeNo: `PO-RETURN-${orderId}`.slice(0, 64),
        userId: shopper.id,
        purpose: "ORDER",
        orderId,
        amountFen: totalFen,
        status: "PAID",
        providerTradeNo: `2026-${orderId}`.slice(0, 64),
        refundableFen: totalFen,
        paidAt: new Date(),
        expiresAt: new Date(),
      },
    });
    expect((await post(shopper, orderId, { intent: "refund-to", refundTo: "ORIGINAL" })).status).toBe(302);
    const returnId = await file(shopper, orderId, { reason: "DAMAGED", requested: [{ position: 0, quantity: 1 }] });
    await toReceived(agent, returnId);
    const balance = (await wallet(shopper.id)).balanceFen;
    await step(agent, returnId, "REFUNDED", { note: "Refunded in full" });
    const [refund] = await db.paymentRefund.findMany({
      where: { orderId },
      select: { returnId: true, amountFen: true, status: true, tradeId: true },
    });
    expect(refund).toEqual({ returnId, amountFen: totalFen, status: "PENDING", tradeId: trade.id });
    expect((await wallet(shopper.id)).balanceFen).toBe(balance);
    const money = await db.returnEvent.findFirstOrThrow({ where: { returnId, kind: "MONEY" }, select: { messageKey: true, params: true } });
    expect(money.messageKey).toBe("refunded");
    expect(JSON.parse(money.params)).toMatchObject({ context: "alipay" });
    const calls = answerGateway("alipay.trade.refund", { fund_change: "Y", refund_fee: yuan(totalFen) });
    expect(await sendPendingRefunds(later(1))).toMatchObject({ refunded: 1 });
    expect(calls).toEqual([expect.objectContaining({ out_trade_no: trade.outTradeNo, refund_amount: yuan(totalFen) })]);
  });
});

describe("what an Alipay payment can take back", () => {
  test("a refund goes back to Alipay only whole; two at once never take back more than was paid", async () => {
    const paid = await paidWithAlipay();
    const refund = (amountFen: number) =>
      db.$transaction((tx) => paymentProvider.refund(tx, { userId: paid.buyer.id, amountFen, orderId: paid.orderId, note: "test" }));
    expect(await refund(paid.totalFen + 1)).toBe("WALLET");
    const half = Math.floor(paid.totalFen / 2) + 1;
    const both = await Promise.all([refund(half), refund(half)]);
    expect(both.sort()).toEqual(["ALIPAY", "WALLET"]);
    const trade = await db.paymentTrade.findUniqueOrThrow({ where: { id: paid.trade.id }, select: { refundableFen: true } });
    expect(trade.refundableFen).toBe(paid.totalFen - half);
    expect((await refundsOf(paid.orderId)).map((row) => row.amountFen)).toEqual([half]);
    expect(await walletRefunds(paid.buyer.id)).toEqual(expect.arrayContaining([{ amountFen: paid.totalFen + 1 }, { amountFen: half }]));
  });
});
