import { describe, expect, test } from "vitest";
import { MAX_BILL_FIELD_CHARS } from "~/domain/payments/alipay-bill";
import { parseWechatBill } from "~/domain/payments/wechat-bill";
import { WECHAT_BILL_HEADER, wechatBillCsv } from "../../fixtures/wechat-bill";

// WeChat Pay's trade bill, read by its header names: payments (SUCCESS) and refunds (REFUND) with
// their backtick-prefixed values, the summary lines skipped; anything that is not such a bill is an
// error naming why and where, never a partial list.

const payment = { providerTradeNo: "4200001234202612030001", outTradeNo: "TU261203AAAA", amount: "88.00" };
const refund = {
  providerTradeNo: "4200001234202612030001",
  outTradeNo: "TU261203AAAA",
  state: "REFUND",
  amount: "88.00",
  refundAmount: "20.50",
  refundRequestNo: "RF261203BBBB",
  providerRefundNo: "50300001234202612030002",
  finishedAt: "2026-12-03 18:00:00",
};

describe("parsing a WeChat Pay bill", () => {
  test("a payment and a refund, their backticks taken off, the summary not a row", () => {
    expect(parseWechatBill(wechatBillCsv([payment, refund]))).toEqual({
      ok: true,
      rows: [
        {
          kind: "PAYMENT",
          providerTradeNo: "4200001234202612030001",
          outTradeNo: "TU261203AAAA",
          amountFen: 8800,
          refundRequestNo: null,
          finishedAt: "2026-12-03 10:00:05",
        },
        {
          kind: "REFUND",
          providerTradeNo: "4200001234202612030001",
          outTradeNo: "TU261203AAAA",
          amountFen: 2050,
          refundRequestNo: "RF261203BBBB",
          finishedAt: "2026-12-03 18:00:00",
        },
      ],
    });
  });

  test("a day without trades is the header and the summary: no rows", () => {
    expect(parseWechatBill(wechatBillCsv([]))).toEqual({ ok: true, rows: [] });
  });

  test("columns are read by name, in any order, with a BOM", () => {
    const header = [...WECHAT_BILL_HEADER].reverse();
    const parsed = parseWechatBill(`\uFEFF${wechatBillCsv([payment], { header })}`);
    expect(parsed).toMatchObject({ ok: true, rows: [{ outTradeNo: "TU261203AAAA", amountFen: 8800 }] });
  });

  test("without 订单金额 the payment's amount is 应结订单金额", () => {
    const header = WECHAT_BILL_HEADER.filter((name) => name !== "订单金额");
    expect(parseWechatBill(wechatBillCsv([payment], { header }))).toMatchObject({ ok: true, rows: [{ amountFen: 8800 }] });
  });

  test("a missing column is named", () => {
    const header = WECHAT_BILL_HEADER.filter((name) => name !== "商户退款单号");
    expect(parseWechatBill(wechatBillCsv([payment], { header }))).toEqual({
      ok: false,
      error: { code: "MISSING_COLUMN", message: "the bill has no column 商户退款单号", line: 1 },
    });
    const noAmount = WECHAT_BILL_HEADER.filter((name) => name !== "订单金额" && name !== "应结订单金额");
    expect(parseWechatBill(wechatBillCsv([payment], { header: noAmount }))).toMatchObject({
      ok: false,
      error: { code: "MISSING_COLUMN", message: "the bill has no column 订单金额 / 应结订单金额" },
    });
  });

  test("a bad amount, an unknown state, a short row, a refund without its number: errors with the line", () => {
    expect(parseWechatBill(wechatBillCsv([payment, { ...payment, amount: "88.0.0" }]))).toEqual({
      ok: false,
      error: { code: "BAD_AMOUNT", message: '订单金额 "88.0.0"', line: 3 },
    });
    expect(parseWechatBill(wechatBillCsv([{ ...payment, amount: "0.00" }]))).toMatchObject({ ok: false, error: { code: "BAD_AMOUNT" } });
    expect(parseWechatBill(wechatBillCsv([{ ...payment, state: "REVOKED" }]))).toEqual({
      ok: false,
      error: { code: "UNKNOWN_KIND", message: '交易状态 "REVOKED"', line: 2 },
    });
    const short = wechatBillCsv([payment]).replace(/,`0\.60%/, "");
    expect(parseWechatBill(short)).toMatchObject({ ok: false, error: { code: "BAD_ROW", line: 2 } });
    expect(parseWechatBill(wechatBillCsv([{ ...refund, refundRequestNo: "" }]))).toMatchObject({
      ok: false,
      error: { code: "BAD_ROW", message: "a refund row without its 商户退款单号" },
    });
  });

  test("bounded: a value too long; not a bill at all", () => {
    const long = wechatBillCsv([{ ...payment, outTradeNo: "X".repeat(MAX_BILL_FIELD_CHARS + 1) }]);
    expect(parseWechatBill(long)).toMatchObject({ ok: false, error: { code: "FIELD_TOO_LONG", line: 2 } });
    expect(parseWechatBill("")).toMatchObject({ ok: false, error: { code: "NO_HEADER" } });
    expect(parseWechatBill("<html>error</html>")).toMatchObject({ ok: false, error: { code: "MISSING_COLUMN" } });
  });
});
