import { keys as alipayKeys } from "./alipay-test-keys";
import { keys as wechatKeys } from "./wechat-test-keys";
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { action as walletAction, loader as walletLoader } from "~/routes/wallet";
import { checkOpenTrades } from "~/services/payment-trades.server";
import { db } from "~/utils/db.server";
import { answerGateway, notice, notify } from "./alipay-fixtures";
import { answerWechat, noticeBody, notifyWechat, transaction } from "./wechat-fixtures";
import { BASE, getRequest, respond } from "./helpers";
import { sessionUser, wallet } from "./order-fixtures";
import { args, type Person } from "./returns-fixtures";

// Alipay and WeChat Pay configured side by side: the wallet offers both, each trade is judged and
// queried by its own provider only, and one provider's report about the other's trade moves nothing.

let shopper: Person;
beforeAll(async () => {
  shopper = await sessionUser("SHOPPER");
});
afterAll(() => {
  fs.rmSync(alipayKeys.dir, { recursive: true, force: true });
  fs.rmSync(wechatKeys.dir, { recursive: true, force: true });
});

async function topUp(method: "alipay" | "wechat") {
  if (method === "wechat") answerWechat("POST", "/v3/pay/transactions/native", { body: { code_url: "weixin://wxpay/bizpayurl?pr=both" } });
  const request = new Request(`${BASE}/wallet`, {
    method: "POST",
    headers: { Cookie: shopper.cookie, "Content-Type": "application/x-www-form-urlencoded", "User-Agent": "Mozilla/5.0 (X11; Linux)" },
    body: new URLSearchParams({ amount: "88", method }).toString(),
  });
  const response = await respond(() => walletAction(args(request)));
  expect(response.status).toBe(302);
  return db.paymentTrade.findFirstOrThrow({
    where: { userId: shopper.id, provider: method === "wechat" ? "WECHAT" : "ALIPAY" },
    orderBy: { createdAt: "desc" },
  });
}

describe("two providers", () => {
  test("the wallet offers both; a report from one provider about the other's trade is a mismatch and credits nothing", async () => {
    const page = (await (await respond(() => walletLoader(args(getRequest("/wallet", shopper.cookie))))).json()) as Record<string, unknown>;
    expect(page).toMatchObject({ alipay: true, wechat: true });
    const alipayTrade = await topUp("alipay");
    const wechatTrade = await topUp("wechat");
    const before = await wallet(shopper.id);
    expect(await notify(notice(wechatTrade))).toBe("success");
    expect(await notifyWechat(noticeBody("TRANSACTION.SUCCESS", transaction(alipayTrade)))).toEqual({ status: 200, body: "" });
    expect(await wallet(shopper.id)).toEqual(before);
    const flagged = await db.paymentNotice.findMany({
      where: { outTradeNo: { in: [alipayTrade.outTradeNo, wechatTrade.outTradeNo] } },
      select: { provider: true, outcome: true, detail: true },
    });
    expect(flagged).toHaveLength(2);
    expect(flagged.every((row) => row.outcome === "MISMATCH" && /is paid through/.test(row.detail ?? ""))).toBe(true);
  });

  test("the job asks each trade's own provider", async () => {
    await db.paymentTrade.updateMany({ data: { status: "CLOSED" } });
    const alipayTrade = await topUp("alipay");
    const wechatTrade = await topUp("wechat");
    const before = await wallet(shopper.id);
    const alipayCalls = answerGateway("alipay.trade.query", ({ out_trade_no: outTradeNo = "" }) => ({
      trade_status: "TRADE_SUCCESS",
      total_amount: "88.00",
      trade_no: "2026120422001111",
      out_trade_no: outTradeNo,
    }));
    const wechatCalls = answerWechat("GET", "/v3/pay/transactions/out-trade-no/:outTradeNo", () => ({ body: transaction(wechatTrade) }));
    expect(await checkOpenTrades(new Date(Date.now() + 2 * 60_000))).toEqual({ checked: 2, paid: 2, closed: 0 });
    expect(alipayCalls.map((call) => call.out_trade_no)).toEqual([alipayTrade.outTradeNo]);
    expect(wechatCalls.map((call) => call.url.pathname.split("/").at(-1))).toEqual([wechatTrade.outTradeNo]);
    expect((await wallet(shopper.id)).balanceFen - before.balanceFen).toBe(2 * 8800);
  });
});
