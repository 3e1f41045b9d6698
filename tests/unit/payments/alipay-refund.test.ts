import { describe, expect, test } from "vitest";
import { judgeRefundAnswer, judgeRefundNotice, nextRefundAttempt, refundGoesTo } from "~/domain/payments/alipay-refund";

describe("where a refund goes", () => {
  test.each([
    ["WALLET", { refundableFen: 10_000 }, 5_000, "WALLET"],
    ["ORIGINAL", { refundableFen: 10_000 }, 5_000, "ALIPAY"],
    ["ORIGINAL", { refundableFen: 5_000 }, 5_000, "ALIPAY"],
    // never split: a payment that cannot take it whole leaves it to the wallet
    ["ORIGINAL", { refundableFen: 4_999 }, 5_000, "WALLET"],
    ["ORIGINAL", null, 5_000, "WALLET"],
  ] as const)("%s with %j refunding %i → %s", (preference, payment, amountFen, expected) => {
    expect(refundGoesTo(preference, payment, amountFen)).toBe(expected);
  });
});

describe("Alipay's answer on a refund", () => {
  test("money moved: succeeded; accepted but not moved: asked again later", () => {
    expect(judgeRefundAnswer({ ok: true, refunded: true })).toEqual({ act: "succeeded" });
    expect(judgeRefundAnswer({ ok: true, refunded: false }).act).toBe("retry");
  });
  test("a signed final refusal sends the money to the wallet; a passing one, an unsigned one or an outage is retried", () => {
    const refusal = (subCode: string, signed = true) => ({ ok: false as const, code: "PROVIDER_ERROR", subCode, signed, message: subCode });
    expect(judgeRefundAnswer(refusal("ACQ.TRADE_NOT_ALLOW_REFUND"))).toEqual({ act: "toWallet", error: "ACQ.TRADE_NOT_ALLOW_REFUND" });
    expect(judgeRefundAnswer(refusal("ACQ.TRADE_HAS_CLOSE")).act).toBe("toWallet");
    expect(judgeRefundAnswer(refusal("ACQ.SYSTEM_ERROR")).act).toBe("retry");
    expect(judgeRefundAnswer(refusal("ACQ.SELLER_BALANCE_NOT_ENOUGH")).act).toBe("retry");
    expect(judgeRefundAnswer(refusal("ACQ.TRADE_NOT_ALLOW_REFUND", false)).act).toBe("retry");
    expect(judgeRefundAnswer({ ok: false, code: "TIMEOUT", message: "timed out" }).act).toBe("retry");
    expect(judgeRefundAnswer({ ok: false, code: "BAD_SIGNATURE", message: "forged" }).act).toBe("retry");
  });
  test("attempts back off from a minute to at most six hours", () => {
    const now = new Date("2026-12-04T00:00:00Z");
    const minutes = (attempts: number) => (nextRefundAttempt(attempts, now).getTime() - now.getTime()) / 60_000;
    expect([1, 2, 3, 4, 9, 10, 30].map(minutes)).toEqual([1, 2, 4, 8, 256, 360, 360]);
  });
});

describe("a refund notification", () => {
  const refund = { status: "PENDING" as const, amountFen: 5_000, tradeAmountFen: 8_800, providerTradeNo: "2026120422001" };
  const ours = { appId: "app" };
  const notice = (refundFee: string, extra: Partial<{ appId: string; tradeNo: string }> = {}) => ({
    appId: "app",
    tradeNo: "2026120422001",
    refundFee,
    ...extra,
  });
  test("covering this refund within the trade settles it; once settled it is a duplicate", () => {
    expect(judgeRefundNotice(notice("50.00"), ours, refund)).toEqual({ act: "succeed", outcome: "REFUNDED" });
    // refund_fee is the trade's refunded total: an earlier refund counts too
    expect(judgeRefundNotice(notice("88.00"), ours, refund).outcome).toBe("REFUNDED");
    expect(judgeRefundNotice(notice("50.00"), ours, { ...refund, status: "SUCCEEDED" }).outcome).toBe("DUPLICATE");
  });
  test("another app, another trade, a fee that cannot be this refund, or a refund already in the wallet is flagged", () => {
    expect(judgeRefundNotice(notice("50.00", { appId: "other" }), ours, refund).outcome).toBe("MISMATCH");
    expect(judgeRefundNotice(notice("50.00", { tradeNo: "999" }), ours, refund).outcome).toBe("MISMATCH");
    expect(judgeRefundNotice(notice("49.99"), ours, refund).outcome).toBe("MISMATCH");
    expect(judgeRefundNotice(notice("88.01"), ours, refund).outcome).toBe("MISMATCH");
    expect(judgeRefundNotice(notice("5O.00"), ours, refund).outcome).toBe("MALFORMED");
    expect(judgeRefundNotice(notice("50.00"), ours, { ...refund, status: "TO_WALLET" })).toMatchObject({
      act: "flag",
      outcome: "MISMATCH",
    });
  });
});
