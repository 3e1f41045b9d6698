import { AlipaySdk } from "alipay-sdk";
import { createHttpClient, type FetchErrorCode } from "~/integrations/http/http-client.server";

// Alipay (支付宝) through its official SDK: the SDK signs (RSA2) the cashier links and the trade
// query, and verifies the signatures of notifications and answers; the query itself travels through
// our HTTP client (timeouts, size limit, retries; and tests answer it with msw). Nothing here
// decides what a payment means: that is app/domain/payments/alipay-notice.ts.

export type AlipayConfig = {
  appId: string;
  sellerId: string;
  /** PEM: the app's private key, PKCS#1 ("RSA PRIVATE KEY") or PKCS#8 ("PRIVATE KEY"). */
  privateKey: string;
  /** PEM: Alipay's public key, as the open platform shows it. */
  alipayPublicKey: string;
  gateway: string;
  notifyUrl: string;
  allowPrivateHosts?: boolean;
  timeoutMs?: number;
};

/** A gateway call that got no usable answer; subCode is Alipay's (e.g. ACQ.TRADE_NOT_EXIST) for a refusal. */
export type CallFailure = {
  ok: false;
  code: FetchErrorCode | "BAD_SIGNATURE" | "MALFORMED" | "PROVIDER_ERROR";
  subCode?: string;
  /** A PROVIDER_ERROR: did Alipay's signature vouch for the refusal? */
  signed?: boolean;
  message: string;
};
type Called = { ok: true; answer: Record<string, unknown> } | CallFailure;

export type TradeQuery =
  | { ok: true; found: true; tradeStatus: string; totalAmount: string; tradeNo: string; sellerId: string | null }
  | { ok: true; found: false }
  | CallFailure;

/** Alipay's answer on a refund: has the money gone back to the payer (fund_change, refund_status)? */
export type RefundAnswer = { ok: true; refunded: boolean } | CallFailure;

// A gateway answer is well under 2 kB.
const MAX_ANSWER_BYTES = 64_000;

export function createAlipay(config: AlipayConfig) {
  const sdk = new AlipaySdk({
    appId: config.appId,
    privateKey: config.privateKey,
    keyType: config.privateKey.includes("BEGIN PRIVATE KEY") ? "PKCS8" : "PKCS1",
    alipayPublicKey: config.alipayPublicKey,
    gateway: config.gateway,
    signType: "RSA2",
  });
  const http = createHttpClient({
    userAgent: "GlobalBuyPayments/1.0",
    allowPrivate: config.allowPrivateHosts ?? false,
    timeoutMs: config.timeoutMs ?? 10_000,
    retries: 1,
    backoffMs: 500,
    maxBytes: MAX_ANSWER_BYTES,
  });

  return {
    appId: config.appId,
    sellerId: config.sellerId,

    /** The signed link to Alipay's cashier: the phone one (wap) or the desktop one (page). */
    cashierUrl(trade: { outTradeNo: string; amount: string; subject: string; device: "wap" | "page"; returnUrl: string; expiresAt: Date }) {
      const method = trade.device === "wap" ? "alipay.trade.wap.pay" : "alipay.trade.page.pay";
      return sdk.pageExecute(method, "GET", {
        notifyUrl: config.notifyUrl,
        returnUrl: trade.returnUrl,
        bizContent: {
          out_trade_no: trade.outTradeNo,
          total_amount: trade.amount,
          subject: trade.subject,
          product_code: trade.device === "wap" ? "QUICK_WAP_WAY" : "FAST_INSTANT_TRADE_PAY",
          time_expire: chinaTime(trade.expiresAt),
        },
      });
    },

    /** Is the notification signed by Alipay (RSA2 over its sorted fields, values as sent)? */
    verifyNotice(fields: Record<string, string>) {
      try {
        return sdk.checkNotifySignV2(fields);
      } catch {
        return false;
      }
    },

    /** Asks Alipay how the trade stands (alipay.trade.query), its answer's signature checked. */
    async queryTrade(outTradeNo: string): Promise<TradeQuery> {
      const called = await call("alipay.trade.query", { out_trade_no: outTradeNo });
      if (!called.ok)
        return called.code === "PROVIDER_ERROR" && called.subCode === "ACQ.TRADE_NOT_EXIST" ? { ok: true, found: false } : called;
      const { answer } = called;
      if (!text(answer, "trade_status") || !text(answer, "total_amount"))
        return { ok: false, code: "MALFORMED", message: "the trade query answer lacks its status" };
      return {
        ok: true,
        found: true,
        tradeStatus: text(answer, "trade_status"),
        totalAmount: text(answer, "total_amount"),
        tradeNo: text(answer, "trade_no"),
        sellerId: text(answer, "seller_id") || null,
      };
    },

    /**
     * Sends money back on a paid trade (alipay.trade.refund). The same outRequestNo sent again is the
     * same refund at Alipay, never a second one: retries are safe.
     */
    async refundTrade(refund: { outTradeNo: string; outRequestNo: string; amount: string; reason: string }): Promise<RefundAnswer> {
      const called = await call("alipay.trade.refund", {
        out_trade_no: refund.outTradeNo,
        out_request_no: refund.outRequestNo,
        refund_amount: refund.amount,
        refund_reason: refund.reason,
      });
      if (!called.ok) return called;
      return { ok: true, refunded: text(called.answer, "fund_change") === "Y" };
    },

    /** Has Alipay paid this refund out (alipay.trade.fastpay.refund.query)? */
    async queryRefund(refund: { outTradeNo: string; outRequestNo: string }): Promise<RefundAnswer> {
      const called = await call("alipay.trade.fastpay.refund.query", {
        out_trade_no: refund.outTradeNo,
        out_request_no: refund.outRequestNo,
      });
      if (!called.ok) return called;
      return { ok: true, refunded: text(called.answer, "refund_status") === "REFUND_SUCCESS" };
    },
  };

  /**
   * One gateway call: signed by the SDK, carried by our HTTP client, its answer's signature checked
   * (Alipay signs its refusals too; one that comes unsigned is reported as such, and nothing final is
   * decided on it).
   */
  async function call(method: string, bizContent: Record<string, string>): Promise<Called> {
    const key = `${method.replaceAll(".", "_")}_response`;
    const query = sdk.sdkExecute(method, { bizContent });
    const fetched = await http.fetchText(`${config.gateway}?${query}`);
    if (!fetched.ok) return { ok: false, code: fetched.error.code, message: fetched.error.message };
    let parsed: unknown;
    try {
      parsed = JSON.parse(fetched.body);
    } catch {
      return { ok: false, code: "MALFORMED", message: `the ${method} answer is not JSON` };
    }
    const answer = (parsed as Record<string, unknown>)[key] as Record<string, unknown> | undefined;
    const signature = (parsed as Record<string, unknown>).sign;
    if (!answer || typeof answer !== "object") return { ok: false, code: "MALFORMED", message: `no ${key} in the answer` };
    if (typeof signature === "string") {
      try {
        sdk.checkResponseSign(fetched.body, key, signature, "");
      } catch {
        return { ok: false, code: "BAD_SIGNATURE", message: `the ${method} answer's signature does not verify` };
      }
    } else if (answer.code === "10000") return { ok: false, code: "BAD_SIGNATURE", message: `the ${method} answer is not signed` };
    if (answer.code !== "10000")
      return {
        ok: false,
        code: "PROVIDER_ERROR",
        subCode: text(answer, "sub_code") || text(answer, "code"),
        signed: typeof signature === "string",
        message: `Alipay answered ${String(answer.code)} ${text(answer, "sub_code")} ${text(answer, "sub_msg")}`.trim(),
      };
    return { ok: true, answer };
  }
}

const text = (answer: Record<string, unknown>, key: string) => (typeof answer[key] === "string" ? (answer[key] as string) : "");

export type Alipay = ReturnType<typeof createAlipay>;

/** "2026-12-04 14:30:00" in China time: the format Alipay's time fields take. */
function chinaTime(at: Date) {
  const shifted = new Date(at.getTime() + 8 * 3_600_000).toISOString();
  return `${shifted.slice(0, 10)} ${shifted.slice(11, 19)}`;
}
