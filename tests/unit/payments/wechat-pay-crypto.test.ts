import crypto from "node:crypto";
import { describe, expect, test } from "vitest";
import {
  authorizationHeader,
  decryptResource,
  requestMessage,
  rfc3339China,
  verifySignature,
} from "~/integrations/payments/wechat-pay-crypto.server";
import { encryptResource } from "../../support/wechat-encrypt";
import { judgeWechatRefundAnswer, judgeWechatRefundNotice, wechatTradeReport, withAmountOf } from "~/domain/payments/wechat-notice";
import { judgeTradeReport } from "~/domain/payments/alipay-notice";

// WeChat Pay API v3's cryptography against its documented format, with keys made here: the
// merchant's request signature, WeChat Pay's signature on answers and notifications (and its
// five-minute window), and AEAD_AES_256_GCM decryption of a notification's resource.

const merchant = crypto.generateKeyPairSync("rsa", { modulusLength: 2048 });
const wechat = crypto.generateKeyPairSync("rsa", { modulusLength: 2048 });
const API_V3_KEY = "0123456789abcdefghijABCDEFGHIJ01";
const platform = { publicKey: wechat.publicKey, publicKeyId: "PUB_KEY_ID_0114232134912410000000000001" };

const signAs = (key: crypto.KeyObject, message: string) => crypto.sign("RSA-SHA256", Buffer.from(message), key).toString("base64");

describe("the merchant's request signature", () => {
  test("signs METHOD\\npath?query\\ntimestamp\\nnonce\\nbody\\n and names mchid, nonce, timestamp and serial", () => {
    const request = {
      method: "GET",
      pathWithQuery: "/v3/pay/transactions/out-trade-no/TU1?mchid=1900000001",
      body: "",
      timestamp: "1796400000",
      nonce: "ABC123",
    };
    expect(requestMessage(request)).toBe("GET\n/v3/pay/transactions/out-trade-no/TU1?mchid=1900000001\n1796400000\nABC123\n\n");
    const header = authorizationHeader(
      { mchId: "1900000001", serialNo: "5157F09EFDC096DE15EBE81A47057A7232F1B8E1", privateKey: merchant.privateKey },
      request,
    );
    expect(header.startsWith("WECHATPAY2-SHA256-RSA2048 ")).toBe(true);
    const fields = Object.fromEntries([...header.matchAll(/(\w+)="([^"]*)"/g)].map((match) => [match[1], match[2]]));
    expect(fields).toMatchObject({
      mchid: "1900000001",
      nonce_str: "ABC123",
      timestamp: "1796400000",
      serial_no: "5157F09EFDC096DE15EBE81A47057A7232F1B8E1",
    });
    const ok = crypto.verify(
      "RSA-SHA256",
      Buffer.from(requestMessage(request)),
      merchant.publicKey,
      Buffer.from(fields.signature ?? "", "base64"),
    );
    expect(ok).toBe(true);
    // A POST signs its body.
    const post = { ...request, method: "POST", pathWithQuery: "/v3/refund/domestic/refunds", body: '{"a":1}' };
    expect(requestMessage(post)).toBe('POST\n/v3/refund/domestic/refunds\n1796400000\nABC123\n{"a":1}\n');
  });
});

describe("WeChat Pay's signature", () => {
  const now = new Date("2026-12-04T06:30:00Z");
  const timestamp = String(Math.floor(now.getTime() / 1000));
  const body = '{"id":"EV-1","event_type":"TRANSACTION.SUCCESS"}';
  const headers = (overrides: Partial<Record<"timestamp" | "nonce" | "signature" | "serial", string | null>> = {}) => ({
    timestamp,
    nonce: "n0nce",
    signature: signAs(wechat.privateKey, `${timestamp}\nn0nce\n${body}\n`),
    serial: platform.publicKeyId,
    ...overrides,
  });

  test("a body signed by WeChat Pay's key verifies", () => {
    expect(verifySignature(platform, headers(), body, now)).toEqual({ ok: true });
    expect(verifySignature(platform, headers(), body, new Date(now.getTime() + 299_000))).toEqual({ ok: true });
  });

  test("a changed body, another key, another serial, missing headers or a time more than 5 minutes off fail", () => {
    expect(verifySignature(platform, headers(), body.replace("EV-1", "EV-2"), now).ok).toBe(false);
    expect(
      verifySignature(platform, headers({ signature: signAs(merchant.privateKey, `${timestamp}\nn0nce\n${body}\n`) }), body, now).ok,
    ).toBe(false);
    expect(verifySignature(platform, headers({ serial: "PUB_KEY_ID_SOMEONE_ELSE" }), body, now).ok).toBe(false);
    expect(verifySignature(platform, headers({ signature: null }), body, now).ok).toBe(false);
    expect(verifySignature(platform, headers({ signature: "not base64 at all" }), body, now).ok).toBe(false);
    expect(verifySignature(platform, headers(), body, new Date(now.getTime() + 301_000))).toEqual({
      ok: false,
      reason: "Wechatpay-Timestamp is more than 5 minutes off",
    });
    expect(verifySignature(platform, headers(), body, new Date(now.getTime() - 301_000)).ok).toBe(false);
  });
});

describe("the resource's AEAD_AES_256_GCM", () => {
  const plaintext = JSON.stringify({ out_trade_no: "TU1", trade_state: "SUCCESS", amount: { total: 8800 } });
  const sealed = encryptResource(API_V3_KEY, plaintext, "fdasflkja484", "transaction");

  test("decrypts with the APIv3 key, nonce and associated data (ciphertext = data ‖ 16-byte tag)", () => {
    expect(decryptResource(API_V3_KEY, sealed)).toBe(plaintext);
    expect(Buffer.from(sealed.ciphertext, "base64").length).toBe(Buffer.byteLength(plaintext) + 16);
    // Independently: Node's decipher on the documented layout.
    const bytes = Buffer.from(sealed.ciphertext, "base64");
    const decipher = crypto.createDecipheriv("aes-256-gcm", Buffer.from(API_V3_KEY), Buffer.from("fdasflkja484"));
    decipher.setAAD(Buffer.from("transaction"));
    decipher.setAuthTag(bytes.subarray(bytes.length - 16));
    expect(Buffer.concat([decipher.update(bytes.subarray(0, bytes.length - 16)), decipher.final()]).toString()).toBe(plaintext);
  });

  test("a tampered ciphertext or tag, another nonce, associated data or key, or another algorithm fail", () => {
    const bytes = Buffer.from(sealed.ciphertext, "base64");
    const flip = (index: number) => {
      const copy = Buffer.from(bytes);
      copy[index] = (copy[index] ?? 0) ^ 1;
      return copy.toString("base64");
    };
    expect(decryptResource(API_V3_KEY, { ...sealed, ciphertext: flip(0) })).toBeNull();
    expect(decryptResource(API_V3_KEY, { ...sealed, ciphertext: flip(bytes.length - 1) })).toBeNull();
    expect(decryptResource(API_V3_KEY, { ...sealed, ciphertext: bytes.subarray(0, bytes.length - 16).toString("base64") })).toBeNull();
    expect(decryptResource(API_V3_KEY, { ...sealed, nonce: "fdasflkja485" })).toBeNull();
    expect(decryptResource(API_V3_KEY, { ...sealed, associated_data: "refund" })).toBeNull();
    expect(decryptResource("1123456789abcdefghijABCDEFGHIJ01", sealed)).toBeNull();
    expect(decryptResource("short", sealed)).toBeNull();
    expect(decryptResource(API_V3_KEY, { ...sealed, algorithm: "AEAD_AES_128_GCM" })).toBeNull();
  });
});

describe("reading WeChat Pay's reports", () => {
  const trade = { status: "CREATED" as const, amountFen: 8800, providerTradeNo: null };
  const expected = { appId: "wx0000000000000001", sellerId: "1900000001" };
  const paid = {
    appid: "wx0000000000000001",
    mchid: "1900000001",
    out_trade_no: "TU1",
    transaction_id: "4200000001",
    trade_state: "SUCCESS",
    amount: { total: 8800, currency: "CNY" },
  };

  test("a transaction is judged like Alipay's: paid, wrong amount, mchid, appid or currency, closed, waiting", () => {
    expect(judgeTradeReport(wechatTradeReport(paid), expected, trade)).toEqual({ act: "credit", outcome: "CREDITED" });
    expect(judgeTradeReport(wechatTradeReport({ ...paid, amount: { total: 1, currency: "CNY" } }), expected, trade).outcome).toBe(
      "MISMATCH",
    );
    expect(judgeTradeReport(wechatTradeReport({ ...paid, mchid: "1900000009" }), expected, trade).outcome).toBe("MISMATCH");
    expect(judgeTradeReport(wechatTradeReport({ ...paid, appid: "wx9999999999999999" }), expected, trade).outcome).toBe("MISMATCH");
    expect(judgeTradeReport(wechatTradeReport({ ...paid, amount: { total: 8800, currency: "USD" } }), expected, trade).outcome).toBe(
      "MISMATCH",
    );
    expect(judgeTradeReport(wechatTradeReport({ ...paid, trade_state: "CLOSED" }), expected, trade)).toEqual({
      act: "close",
      outcome: "CLOSED",
    });
    const waiting = withAmountOf(wechatTradeReport({ ...paid, trade_state: "NOTPAY", transaction_id: undefined, amount: undefined }), 8800);
    expect(judgeTradeReport(waiting, expected, trade)).toEqual({ act: "none", outcome: "WAITING" });
    // Paid without an amount, or in a state nobody documented: unreadable, nothing credited.
    expect(judgeTradeReport(withAmountOf(wechatTradeReport({ ...paid, amount: undefined }), 8800), expected, trade).outcome).toBe(
      "MALFORMED",
    );
    expect(judgeTradeReport(wechatTradeReport({ ...paid, trade_state: "ODD" }), expected, trade).outcome).toBe("MALFORMED");
    // Alipay's words in WeChat's field are not a payment.
    expect(judgeTradeReport(wechatTradeReport({ ...paid, trade_state: "TRADE_SUCCESS" }), expected, trade)).toEqual({
      act: "flag",
      outcome: "MALFORMED",
      detail: "trade_state WECHAT_TRADE_SUCCESS",
    });
    // The detail names WeChat's fields.
    expect(judgeTradeReport(wechatTradeReport({ ...paid, mchid: "1900000009" }), expected, trade)).toMatchObject({
      detail: "mchid 1900000009 is not ours",
    });
    // A CLOSED after SUCCESS leaves the paid trade paid.
    expect(
      judgeTradeReport(wechatTradeReport({ ...paid, trade_state: "CLOSED" }), expected, {
        ...trade,
        status: "PAID",
        providerTradeNo: "4200000001",
      }),
    ).toEqual({
      act: "none",
      outcome: "STALE",
    });
  });

  test("a refund's answer: SUCCESS succeeded, PROCESSING later, CLOSED/ABNORMAL or a signed final refusal to the wallet", () => {
    expect(judgeWechatRefundAnswer({ ok: true, found: true, status: "SUCCESS" })).toEqual({ act: "succeeded" });
    expect(judgeWechatRefundAnswer({ ok: true, found: true, status: "PROCESSING" }).act).toBe("retry");
    expect(judgeWechatRefundAnswer({ ok: true, found: true, status: "CLOSED" }).act).toBe("toWallet");
    expect(judgeWechatRefundAnswer({ ok: true, found: true, status: "ABNORMAL" }).act).toBe("toWallet");
    const refusal = { ok: false as const, code: "PROVIDER_ERROR", signed: true, message: "no" };
    expect(judgeWechatRefundAnswer({ ...refusal, subCode: "INVALID_REQUEST" }).act).toBe("toWallet");
    expect(judgeWechatRefundAnswer({ ...refusal, subCode: "NOT_ENOUGH" }).act).toBe("retry");
    expect(judgeWechatRefundAnswer({ ...refusal, subCode: "INVALID_REQUEST", signed: false }).act).toBe("retry");
    expect(judgeWechatRefundAnswer({ ok: false, code: "TIMEOUT", message: "slow" }).act).toBe("retry");
  });

  test("a refund's notification settles the refund it names, and only that one", () => {
    const resource = {
      mchid: "1900000001",
      out_trade_no: "PO1",
      transaction_id: "4200000001",
      out_refund_no: "RF1",
      refund_status: "SUCCESS",
      amount: { total: 8800, refund: 8800 },
    };
    const refund = { status: "PENDING" as const, amountFen: 8800, tradeAmountFen: 8800, outTradeNo: "PO1", providerTradeNo: "4200000001" };
    const mch = { mchId: "1900000001" };
    expect(judgeWechatRefundNotice(resource, mch, refund)).toEqual({ act: "succeed", outcome: "REFUNDED" });
    expect(judgeWechatRefundNotice(resource, mch, { ...refund, status: "SUCCEEDED" }).outcome).toBe("DUPLICATE");
    expect(judgeWechatRefundNotice(resource, mch, { ...refund, status: "TO_WALLET" }).outcome).toBe("MISMATCH");
    expect(judgeWechatRefundNotice({ ...resource, mchid: "1900000009" }, mch, refund).outcome).toBe("MISMATCH");
    expect(judgeWechatRefundNotice({ ...resource, amount: { total: 8800, refund: 100 } }, mch, refund).outcome).toBe("MISMATCH");
    expect(judgeWechatRefundNotice({ ...resource, refund_status: "ABNORMAL" }, mch, refund).act).toBe("toWallet");
    expect(judgeWechatRefundNotice({ ...resource, refund_status: "CLOSED" }, mch, { ...refund, status: "SUCCEEDED" }).outcome).toBe(
      "STALE",
    );
  });

  test("time_expire is RFC 3339 in China time", () => {
    expect(rfc3339China(new Date("2026-12-04T06:30:00.456Z"))).toBe("2026-12-04T14:30:00+08:00");
    expect(rfc3339China(new Date("2026-12-04T20:00:00Z"))).toBe("2026-12-05T04:00:00+08:00");
  });
});
