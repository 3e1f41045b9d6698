import { describe, expect, test } from "vitest";
import { alipayAmount, alipayAmountFen, alipayNoticeSchema, judgeTradeReport, type TradeReport } from "~/domain/payments/alipay-notice";
import { topUpFen, topUpSchema } from "~/domain/payments/top-up";
import { parseEnv } from "~/utils/env.server";

// What an Alipay report means for a trade: held against our app, merchant, currency and amount, and
// the trade as it stands; a second report of one payment is never a second credit.

const expected = { appId: "2021000000000001", sellerId: "2088000000000001" };
const open = { status: "CREATED" as const, amountFen: 8800, providerTradeNo: null };
const report = (overrides: Partial<TradeReport> = {}): TradeReport => ({
  appId: expected.appId,
  sellerId: expected.sellerId,
  tradeStatus: "TRADE_SUCCESS",
  totalAmount: "88.00",
  tradeNo: "2026120422001",
  ...overrides,
});

describe("judging a report", () => {
  test("a paid report of an open trade credits it; of a closed one credits it late; of a paid one is a duplicate", () => {
    expect(judgeTradeReport(report(), expected, open)).toEqual({ act: "credit", outcome: "CREDITED" });
    expect(judgeTradeReport(report({ tradeStatus: "TRADE_FINISHED", totalAmount: "88" }), expected, open).act).toBe("credit");
    expect(judgeTradeReport(report(), expected, { ...open, status: "CLOSED" })).toEqual({ act: "credit", outcome: "LATE_CREDITED" });
    expect(judgeTradeReport(report(), expected, { ...open, status: "PAID", providerTradeNo: "2026120422001" })).toEqual({
      act: "none",
      outcome: "DUPLICATE",
    });
  });

  test("a second Alipay trade paying a paid trade, or anything not ours, is flagged, never credited", () => {
    expect(
      judgeTradeReport(report({ tradeNo: "other" }), expected, { ...open, status: "PAID", providerTradeNo: "2026120422001" }).act,
    ).toBe("flag");
    for (const wrong of [
      report({ appId: "2021999999999999" }),
      report({ sellerId: "2088999999999999" }),
      report({ currency: "USD" }),
      report({ totalAmount: "87.99" }),
      report({ totalAmount: "88.001" }),
      report({ totalAmount: "-88.00" }),
      report({ tradeStatus: "SOMETHING_NEW" }),
    ])
      expect(judgeTradeReport(wrong, expected, open).act).toBe("flag");
  });

  test("out of order: waiting or closed after paid changes nothing; closed before paid closes the trade", () => {
    const paid = { ...open, status: "PAID" as const, providerTradeNo: "2026120422001" };
    expect(judgeTradeReport(report({ tradeStatus: "WAIT_BUYER_PAY" }), expected, paid)).toEqual({ act: "none", outcome: "STALE" });
    expect(judgeTradeReport(report({ tradeStatus: "TRADE_CLOSED" }), expected, paid)).toEqual({ act: "none", outcome: "STALE" });
    expect(judgeTradeReport(report({ tradeStatus: "TRADE_CLOSED" }), expected, open)).toEqual({ act: "close", outcome: "CLOSED" });
    expect(judgeTradeReport(report({ tradeStatus: "WAIT_BUYER_PAY" }), expected, open)).toEqual({ act: "none", outcome: "WAITING" });
    // A query answer names no app: only what it names is checked.
    expect(judgeTradeReport(report({ appId: undefined, sellerId: null }), expected, open).act).toBe("credit");
  });
});

describe("amounts and fields", () => {
  test("amounts read and written exactly", () => {
    expect(alipayAmountFen("88")).toBe(8800);
    expect(alipayAmountFen("0.5")).toBe(50);
    expect(alipayAmountFen("12.34")).toBe(1234);
    expect(alipayAmountFen("1e3")).toBeNull();
    expect(alipayAmount(5)).toBe("0.05");
    expect(alipayAmount(123456)).toBe("1234.56");
    expect(topUpFen("12.3")).toBe(1230);
    expect(topUpSchema.safeParse({ amount: "50000.01", method: "alipay" }).success).toBe(false);
    expect(topUpSchema.safeParse({ amount: "0.99" }).success).toBe(false);
    expect(topUpSchema.parse({ amount: "88" })).toEqual({ amount: "88", method: "bank" });
  });

  test("a notification lacking a field, with an overlong value or another signature type is not one", () => {
    const fields = {
      notify_id: "n1",
      app_id: expected.appId,
      out_trade_no: "TU1",
      trade_no: "T1",
      trade_status: "TRADE_SUCCESS",
      total_amount: "88.00",
      sign: "s",
      sign_type: "RSA2",
    };
    expect(alipayNoticeSchema.safeParse(fields).success).toBe(true);
    expect(alipayNoticeSchema.safeParse({ ...fields, trade_no: undefined }).success).toBe(false);
    expect(alipayNoticeSchema.safeParse({ ...fields, out_trade_no: "x".repeat(65) }).success).toBe(false);
    expect(alipayNoticeSchema.safeParse({ ...fields, sign_type: "RSA" }).success).toBe(false);
    expect(alipayNoticeSchema.safeParse({ ...fields, extra: "y".repeat(2000) }).success).toBe(false);
  });
});

describe("configuration", () => {
  test("Alipay is all four settings or none, and needs the public origin for its notifications", () => {
    const alipay = {
      ALIPAY_APP_ID: "2021000000000001",
      ALIPAY_SELLER_ID: "2088000000000001",
      ALIPAY_PRIVATE_KEY_FILE: "/keys/app.pem",
      ALIPAY_PUBLIC_KEY_FILE: "/keys/alipay.pem",
      APP_ORIGIN: "https://shop.example",
    };
    expect(parseEnv({}).ALIPAY_APP_ID).toBeUndefined();
    expect(parseEnv(alipay).ALIPAY_TRADE_MINUTES).toBe(30);
    expect(() => parseEnv({ ...alipay, ALIPAY_PUBLIC_KEY_FILE: undefined })).toThrow(/ALIPAY_APP_ID, ALIPAY_SELLER_ID/);
    expect(() => parseEnv({ ...alipay, APP_ORIGIN: undefined })).toThrow(/APP_ORIGIN: is required with Alipay/);
    expect(() => parseEnv({ ...alipay, ALIPAY_SELLER_ID: "12345" })).toThrow(/PID/);
  });
});
