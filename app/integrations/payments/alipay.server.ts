import { AlipaySdk } from "alipay-sdk";
import { unzipSync } from "fflate";
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

export type BillDownload = { ok: true; found: true; csv: string } | { ok: true; found: false } | CallFailure;

/** A day's bill ZIP, and the detail file inside it, at most this large (a busy day's is a few MB). */
const MAX_BILL_BYTES = 20_000_000;
const MAX_BILL_CSV_BYTES = 100_000_000;
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

    /**
     * Where the day's trade bill is (alipay.data.dataservice.bill.downloadurl.query), its answer's
     * signature checked — the "no bill" answer's too: unsigned, it could hide a day. url: null when
     * Alipay has no bill for the day (isp.bill_not_exist: the day had no trades).
     */
    async billDownloadUrl(billDate: string): Promise<{ ok: true; url: string | null } | CallFailure> {
      const called = await call("alipay.data.dataservice.bill.downloadurl.query", { bill_type: "trade", bill_date: billDate });
      if (!called.ok)
        return called.code === "PROVIDER_ERROR" && called.subCode === "isp.bill_not_exist" && called.signed
          ? { ok: true, url: null }
          : called;
      const url = text(called.answer, "bill_download_url");
      return url ? { ok: true, url } : { ok: false, code: "MALFORMED", message: "the bill query answer has no bill_download_url" };
    },

    /**
     * The day's trade bill, downloaded (bounded, with a timeout) and unzipped: the detail file's text
     * (GBK), or found: false when there is no bill. The summary file (…_业务明细(汇总).csv) is not read.
     */
    async downloadBill(billDate: string): Promise<BillDownload> {
      const located = await this.billDownloadUrl(billDate);
      if (!located.ok) return located;
      if (located.url === null) return { ok: true, found: false };
      const zip = await http.fetchBytes(located.url, { maxBytes: MAX_BILL_BYTES, timeoutMs: 60_000 });
      if (!zip.ok) return { ok: false, code: zip.error.code, message: `the bill file: ${zip.error.message}` };
      // Alipay names the entries in GBK without the ZIP's UTF-8 flag, which the unzipper reads as Latin-1.
      const latin1 = /^[\u0000-\u00ff]*$/;
      const named = (name: string) => (latin1.test(name) ? new TextDecoder("gbk").decode(Buffer.from(name, "latin1")) : name);
      let files: Record<string, Uint8Array>;
      try {
        files = unzipSync(zip.body, {
          filter: (file) => named(file.name).endsWith("_业务明细.csv") && file.originalSize <= MAX_BILL_CSV_BYTES,
        });
      } catch (error) {
        return { ok: false, code: "MALFORMED", message: `the bill file is not a ZIP archive: ${(error as Error).message}` };
      }
      const details = Object.values(files);
      if (details.length !== 1 || !details[0])
        return {
          ok: false,
          code: "MALFORMED",
          message: `the bill archive holds ${details.length} detail files (…_业务明细.csv) under the size limit`,
        };
      try {
        return { ok: true, found: true, csv: new TextDecoder("gbk", { fatal: true }).decode(details[0]) };
      } catch {
        return { ok: false, code: "MALFORMED", message: "the bill's detail file is not GBK text" };
      }
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
