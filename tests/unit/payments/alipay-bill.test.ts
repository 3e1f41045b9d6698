import { describe, expect, test } from "vitest";
import { MAX_BILL_FIELD_CHARS, parseAlipayBill } from "~/domain/payments/alipay-bill";
import { BILL_HEADER, billCsv } from "../../fixtures/alipay-bill";

// Alipay's trade bill detail file, read by its header names: payments and refunds (a refund's
// negative amount becomes a positive amount of kind REFUND), the comment lines skipped; anything
// that is not such a file is an error naming why and where, never a partial list.

const payment = { providerTradeNo: "2026120322001400001", outTradeNo: "TU261203AAAA", amount: "88.00" };
const refund = {
  providerTradeNo: "2026120322001400001",
  outTradeNo: "TU261203AAAA",
  kind: "退款" as const,
  amount: "-20.50",
  refundRequestNo: "RF261203BBBB",
  finishedAt: "2026-12-03 18:00:00",
};

describe("parsing a bill", () => {
  test("a payment and a refund, padded with tabs, between the comment lines", () => {
    expect(parseAlipayBill(billCsv([payment, refund]))).toEqual({
      ok: true,
      rows: [
        {
          kind: "PAYMENT",
          providerTradeNo: "2026120322001400001",
          outTradeNo: "TU261203AAAA",
          amountFen: 8800,
          refundRequestNo: null,
          finishedAt: "2026-12-03 10:00:05",
        },
        {
          kind: "REFUND",
          providerTradeNo: "2026120322001400001",
          outTradeNo: "TU261203AAAA",
          amountFen: 2050,
          refundRequestNo: "RF261203BBBB",
          finishedAt: "2026-12-03 18:00:00",
        },
      ],
    });
  });

  test("columns are found by name, wherever they stand; a BOM and LF line ends are fine", () => {
    const shuffled = [...BILL_HEADER].reverse();
    const text = `\uFEFF${billCsv([payment], { header: shuffled }).replaceAll("\r\n", "\n")}`;
    const parsed = parseAlipayBill(text);
    expect(parsed.ok && parsed.rows).toEqual([expect.objectContaining({ outTradeNo: "TU261203AAAA", amountFen: 8800 })]);
  });

  test("a day without trades is an empty list", () => {
    expect(parseAlipayBill(billCsv([]))).toEqual({ ok: true, rows: [] });
  });

  test("quoted values may hold commas", () => {
    const text = billCsv([{ ...payment, subject: '"充值, 测试"' }]);
    const parsed = parseAlipayBill(text);
    expect(parsed.ok && parsed.rows[0]?.amountFen).toBe(8800);
  });

  test.each([
    [
      "a missing column",
      billCsv([payment], { header: BILL_HEADER.filter((name) => name !== "商户订单号") }),
      "MISSING_COLUMN",
      "商户订单号",
    ],
    ["a malformed amount", billCsv([{ ...payment, amount: "88,00" }]), "BAD_ROW", undefined],
    ["an amount with three decimals", billCsv([{ ...payment, amount: "88.001" }]), "BAD_AMOUNT", "88.001"],
    ["an empty amount", billCsv([{ ...payment, amount: "" }]), "BAD_AMOUNT", undefined],
    ["an unknown business type", billCsv([{ ...payment, kind: "充值" as "交易" }]), "UNKNOWN_KIND", "充值"],
    ["a refund without its request number", billCsv([{ ...refund, refundRequestNo: "" }]), "BAD_ROW", "request number"],
    ["no header at all", "#支付宝业务明细查询\n#导出时间：[2026-12-04 09:00:01]\n", "NO_HEADER", undefined],
    ["a short row", `${billCsv([])}\n2026120322001400001,TU1,交易`, "BAD_ROW", "values"],
    ["an overlong value", billCsv([{ ...payment, subject: "x".repeat(MAX_BILL_FIELD_CHARS + 1) }]), "FIELD_TOO_LONG", undefined],
  ])("%s is an error, not rows", (_name, text, code, detail) => {
    const parsed = parseAlipayBill(text);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.error.code).toBe(code);
    if (detail) expect(parsed.error.message).toContain(detail);
  });

  test("the error names the line of the bad row", () => {
    const parsed = parseAlipayBill(billCsv([payment, { ...payment, outTradeNo: "TU2", amount: "abc" }]));
    expect(parsed).toEqual({ ok: false, error: { code: "BAD_AMOUNT", message: '订单金额 "abc"', line: 7 } });
  });
});
