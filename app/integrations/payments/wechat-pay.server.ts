import crypto, { type KeyObject } from "node:crypto";
import { createHttpClient, type FetchErrorCode } from "~/integrations/http/http-client.server";
import {
  authorizationHeader,
  decryptResource,
  newNonce,
  rfc3339China,
  signedHeaders,
  verifySignature,
  type EncryptedResource,
} from "./wechat-pay-crypto.server";

// WeChat Pay (微信支付) API v3, written once against its documented format (no SDK): each request
// signed with the merchant's API private key (wechat-pay-crypto.server.ts), carried by our HTTP
// client (timeouts, size limit, host gate; tests answer it with msw), and each answer's signature
// checked with WeChat Pay's public key before anything in it is believed. Nothing here decides what
// a payment means: that is app/domain/payments/wechat-notice.ts.

export type WechatPayConfig = {
  appId: string;
  mchId: string;
  /** The serial number of the merchant's API certificate (names the key that signs our requests). */
  mchSerial: string;
  /** PEM: the merchant's API private key (apiclient_key.pem). */
  privateKey: string;
  /** PEM: WeChat Pay's public key (微信支付公钥), and its id (PUB_KEY_ID_…), sent as Wechatpay-Serial. */
  platformPublicKey: string;
  platformPublicKeyId: string;
  /** The 32-character APIv3 key that encrypts notifications' resources. */
  apiV3Key: string;
  baseUrl: string;
  notifyUrl: string;
  allowPrivateHosts?: boolean;
  timeoutMs?: number;
};

/** A call that got no usable answer; subCode is WeChat Pay's code (ORDER_NOT_EXIST, NOT_ENOUGH…) for a refusal. */
export type WechatCallFailure = {
  ok: false;
  code: FetchErrorCode | "BAD_SIGNATURE" | "MALFORMED" | "PROVIDER_ERROR";
  subCode?: string;
  /** A PROVIDER_ERROR: did WeChat Pay's signature vouch for the refusal? */
  signed?: boolean;
  message: string;
};

export type WechatTradeQuery =
  { ok: true; found: true; transaction: Record<string, unknown> } | { ok: true; found: false } | WechatCallFailure;

/** A refund as WeChat Pay describes it: status SUCCESS | PROCESSING | CLOSED | ABNORMAL. */
export type WechatRefundAnswer =
  { ok: true; found: true; status: string; refundId: string } | { ok: true; found: false } | WechatCallFailure;

/** The day's trade bill: its CSV text (UTF-8), or found: false when WeChat Pay signed that there is none. */
export type WechatBillDownload = { ok: true; found: true; csv: string } | { ok: true; found: false } | WechatCallFailure;

// An answer is well under 4 kB.
const MAX_ANSWER_BYTES = 64_000;
/** A day's trade bill file, plain CSV (no tar_type asked). */
const MAX_BILL_BYTES = 20_000_000;
const BILL_TIMEOUT_MS = 60_000;

export function createWechatPay(config: WechatPayConfig) {
  const privateKey: KeyObject = crypto.createPrivateKey(config.privateKey);
  const publicKey: KeyObject = crypto.createPublicKey(config.platformPublicKey);
  const platform = { publicKey, publicKeyId: config.platformPublicKeyId };
  const base = new URL(config.baseUrl);
  const http = createHttpClient({
    userAgent: "GlobalBuyPayments/1.0",
    allowPrivate: config.allowPrivateHosts ?? false,
    timeoutMs: config.timeoutMs ?? 10_000,
    retries: 1,
    backoffMs: 500,
    maxBytes: MAX_ANSWER_BYTES,
  });

  type Called = { ok: true; status: number; answer: Record<string, unknown> } | WechatCallFailure;

  const authorize = (method: "GET" | "POST", pathWithQuery: string, body: string) =>
    authorizationHeader(
      { mchId: config.mchId, serialNo: config.mchSerial, privateKey },
      { method, pathWithQuery, body, timestamp: String(Math.floor(Date.now() / 1000)), nonce: newNonce() },
    );

  /** One API call: signed, carried, its answer's signature checked (WeChat Pay signs its refusals too). */
  async function call(method: "GET" | "POST", pathWithQuery: string, payload?: Record<string, unknown>): Promise<Called> {
    const body = payload === undefined ? "" : JSON.stringify(payload);
    const authorization = authorize(method, pathWithQuery, body);
    const fetched = await http.fetchText(new URL(pathWithQuery, base).toString(), {
      method,
      ...(payload === undefined ? {} : { body }),
      headers: {
        Authorization: authorization,
        Accept: "application/json",
        "Accept-Language": "zh-CN",
        "Wechatpay-Serial": config.platformPublicKeyId,
        ...(payload === undefined ? {} : { "Content-Type": "application/json" }),
      },
      clientErrorsAsAnswers: true,
    });
    if (!fetched.ok) return { ok: false, code: fetched.error.code, message: fetched.error.message };
    const verified = verifySignature(platform, signedHeaders(fetched.headers), fetched.body, new Date());
    let answer: Record<string, unknown> = {};
    if (fetched.body !== "") {
      try {
        const parsed: unknown = JSON.parse(fetched.body);
        if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) throw new Error("not an object");
        answer = parsed as Record<string, unknown>;
      } catch {
        return { ok: false, code: "MALFORMED", message: `the answer to ${method} ${pathWithQuery.split("?")[0]} is not a JSON object` };
      }
    }
    if (fetched.status >= 400) {
      return {
        ok: false,
        code: "PROVIDER_ERROR",
        subCode: text(answer, "code") || `HTTP_${fetched.status}`,
        signed: verified.ok,
        message: `WeChat Pay answered ${fetched.status} ${text(answer, "code")} ${text(answer, "message")}`.trim().slice(0, 400),
      };
    }
    if (!verified.ok) return { ok: false, code: "BAD_SIGNATURE", message: `the answer's signature: ${verified.reason}` };
    return { ok: true, status: fetched.status, answer };
  }

  type OrderRequest = { outTradeNo: string; amountFen: number; description: string; expiresAt: Date };
  const orderBody = (order: OrderRequest) => ({
    appid: config.appId,
    mchid: config.mchId,
    description: order.description.slice(0, 127),
    out_trade_no: order.outTradeNo,
    time_expire: rfc3339China(order.expiresAt),
    notify_url: config.notifyUrl,
    amount: { total: order.amountFen, currency: "CNY" },
  });

  return {
    appId: config.appId,
    mchId: config.mchId,

    /** An H5 order (a phone's browser): the h5_url that opens WeChat to pay. */
    async h5Order(order: OrderRequest & { clientIp: string }): Promise<{ ok: true; h5Url: string } | WechatCallFailure> {
      const called = await call("POST", "/v3/pay/transactions/h5", {
        ...orderBody(order),
        scene_info: { payer_client_ip: order.clientIp, h5_info: { type: "Wap" } },
      });
      if (!called.ok) return called;
      const h5Url = text(called.answer, "h5_url");
      return /^https:\/\//.test(h5Url)
        ? { ok: true, h5Url }
        : { ok: false, code: "MALFORMED", message: "the H5 order answer has no h5_url" };
    },

    /** A Native order (a desktop): the code_url (weixin://wxpay/…) the shopper scans as a QR code. */
    async nativeOrder(order: OrderRequest): Promise<{ ok: true; codeUrl: string } | WechatCallFailure> {
      const called = await call("POST", "/v3/pay/transactions/native", orderBody(order));
      if (!called.ok) return called;
      const codeUrl = text(called.answer, "code_url");
      return /^weixin:\/\//.test(codeUrl) && codeUrl.length <= 512
        ? { ok: true, codeUrl }
        : { ok: false, code: "MALFORMED", message: "the Native order answer has no code_url" };
    },

    /** How the trade stands (query by our out_trade_no), the answer signed. */
    async queryTrade(outTradeNo: string): Promise<WechatTradeQuery> {
      const called = await call(
        "GET",
        `/v3/pay/transactions/out-trade-no/${encodeURIComponent(outTradeNo)}?mchid=${encodeURIComponent(config.mchId)}`,
      );
      if (!called.ok) return called.code === "PROVIDER_ERROR" && called.subCode === "ORDER_NOT_EXIST" ? { ok: true, found: false } : called;
      if (!text(called.answer, "trade_state")) return { ok: false, code: "MALFORMED", message: "the trade query answer lacks trade_state" };
      return { ok: true, found: true, transaction: called.answer };
    },

    /**
     * Sends money back on a paid trade. The same out_refund_no sent again is the same refund at WeChat
     * Pay, never a second one: retries are safe.
     */
    async refund(refund: {
      outTradeNo: string;
      outRefundNo: string;
      refundFen: number;
      totalFen: number;
      reason: string;
      notifyUrl: string;
    }): Promise<WechatRefundAnswer> {
      const called = await call("POST", "/v3/refund/domestic/refunds", {
        out_trade_no: refund.outTradeNo,
        out_refund_no: refund.outRefundNo,
        reason: refund.reason.slice(0, 80),
        notify_url: refund.notifyUrl,
        amount: { refund: refund.refundFen, total: refund.totalFen, currency: "CNY" },
      });
      return refundAnswer(called);
    },

    /** Where a refund stands (query by our out_refund_no). */
    async queryRefund(outRefundNo: string): Promise<WechatRefundAnswer> {
      const called = await call("GET", `/v3/refund/domestic/refunds/${encodeURIComponent(outRefundNo)}`);
      if (!called.ok && called.code === "PROVIDER_ERROR" && called.subCode === "RESOURCE_NOT_EXISTS" && called.signed)
        return { ok: true, found: false };
      return refundAnswer(called);
    },

    /**
     * The day's trade bill (bill_type ALL: payments and refunds), "yyyy-MM-dd" China time. The signed
     * answer names the file and its SHA-1; the file is fetched with a signed GET (its body is not
     * signed by WeChat Pay, so it is believed only when its SHA-1 is the one the signed answer gave),
     * bounded and with a timeout. NO_STATEMENT_EXIST, signed, is a day without a bill; an unsigned one,
     * or STATEMENT_CREATING (not ready yet), is a failure to try again later.
     */
    async downloadBill(billDate: string): Promise<WechatBillDownload> {
      const called = await call("GET", `/v3/bill/tradebill?${new URLSearchParams({ bill_date: billDate, bill_type: "ALL" })}`);
      if (!called.ok)
        return called.code === "PROVIDER_ERROR" && called.subCode === "NO_STATEMENT_EXIST" && called.signed
          ? { ok: true, found: false }
          : called;
      const hashType = text(called.answer, "hash_type");
      const hashValue = text(called.answer, "hash_value").toLowerCase();
      const downloadUrl = text(called.answer, "download_url");
      if (hashType.toUpperCase() !== "SHA1" || !/^[0-9a-f]{40}$/.test(hashValue))
        return { ok: false, code: "MALFORMED", message: `the bill answer's hash is not a SHA1 (hash_type "${hashType.slice(0, 20)}")` };
      let url: URL;
      try {
        url = new URL(downloadUrl);
      } catch {
        return { ok: false, code: "MALFORMED", message: "the bill answer has no download_url" };
      }
      // Our signature goes only to WeChat Pay's own API host.
      if (url.origin !== base.origin) return { ok: false, code: "MALFORMED", message: `the bill's download_url is not on ${base.host}` };
      const file = await http.fetchBytes(url.toString(), {
        headers: { Authorization: authorize("GET", `${url.pathname}${url.search}`, ""), "Accept-Language": "zh-CN" },
        maxBytes: MAX_BILL_BYTES,
        timeoutMs: BILL_TIMEOUT_MS,
      });
      if (!file.ok) return { ok: false, code: file.error.code, message: `the bill file: ${file.error.message}` };
      const sha1 = crypto.createHash("sha1").update(file.body).digest("hex");
      if (sha1 !== hashValue)
        return {
          ok: false,
          code: "BAD_SIGNATURE",
          message: `the bill file's SHA1 ${sha1} is not the hash_value ${hashValue} WeChat Pay signed`,
        };
      try {
        return { ok: true, found: true, csv: new TextDecoder("utf-8", { fatal: true }).decode(file.body) };
      } catch {
        return { ok: false, code: "MALFORMED", message: "the bill file is not UTF-8 text" };
      }
    },

    /** Is a notification signed by WeChat Pay, recently? The body exactly as it came. */
    verifyNotification(headers: Headers, body: string, now: Date) {
      return verifySignature(platform, signedHeaders(headers), body, now);
    },

    /** A notification's resource in clear, or null when it does not decrypt under our APIv3 key. */
    decrypt(resource: EncryptedResource) {
      return decryptResource(config.apiV3Key, resource);
    },
  };
}

function refundAnswer(called: { ok: true; answer: Record<string, unknown> } | WechatCallFailure): WechatRefundAnswer {
  if (!called.ok) return called;
  const status = text(called.answer, "status");
  if (!status) return { ok: false, code: "MALFORMED", message: "the refund answer lacks its status" };
  return { ok: true, found: true, status, refundId: text(called.answer, "refund_id") };
}

const text = (answer: Record<string, unknown>, key: string) => (typeof answer[key] === "string" ? (answer[key] as string) : "");

export type WechatPay = ReturnType<typeof createWechatPay>;
