import { alipayNoticeSchema } from "~/domain/payments/alipay-notice";
import { db } from "~/utils/db.server";
import { logger } from "~/utils/logger.server";
import { alipay } from "./alipay-client.server";
import { acceptRefundNotice } from "./payment-refunds.server";
import { settle } from "./payment-trades.server";

// Alipay's notifications (POST /payments/alipay/notify): a payment's is judged and applied by the
// trade service's once-only settle (payment-trades.server.ts), a refund's settles the PaymentRefund it
// names (payment-refunds.server.ts). Every notification is recorded in PaymentNotice.

/**
 * Alipay's asynchronous notification: verified, judged, applied at most once, recorded whatever it
 * was. The answer is what Alipay expects: "success" stops its retries, anything else asks it to send
 * again (only when the signature failed or we could not judge it, so a real notification comes back).
 */
export async function acceptAlipayNotice(fields: Record<string, string>, now = new Date()): Promise<"success" | "failure"> {
  const provider = alipay();
  if (!provider) return "failure";
  const record = (outcome: string, detail?: string) =>
    db.paymentNotice.create({
      data: {
        provider: "ALIPAY",
        outTradeNo: fields.out_trade_no?.slice(0, 64) ?? null,
        providerTradeNo: fields.trade_no?.slice(0, 64) ?? null,
        tradeStatus: fields.trade_status?.slice(0, 32) ?? null,
        amount: fields.total_amount?.slice(0, 16) ?? null,
        outcome,
        detail: detail?.slice(0, 500) ?? null,
        receivedAt: now,
      },
    });
  const parsed = alipayNoticeSchema.safeParse(fields);
  if (!parsed.success) {
    await record("MALFORMED", parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; "));
    return "failure";
  }
  if (!provider.verifyNotice(fields)) {
    await record("BAD_SIGNATURE");
    logger.warn({ outTradeNo: parsed.data.out_trade_no }, "alipay notification with a bad signature");
    return "failure";
  }
  const notice = parsed.data;
  const refunded = await acceptRefundNotice(provider, notice, now);
  if (refunded) {
    await record(refunded.outcome, refunded.detail ?? `refund ${fields.out_biz_no} refund_fee ${fields.refund_fee ?? ""}`);
    return "success";
  }
  const settled = await settle(
    { id: "ALIPAY", label: "支付宝", expected: { appId: provider.appId, sellerId: provider.sellerId } },
    notice.out_trade_no,
    {
      appId: notice.app_id,
      sellerId: notice.seller_id ?? null,
      currency: notice.trans_currency ?? notice.currency ?? null,
      tradeStatus: notice.trade_status,
      totalAmount: notice.total_amount,
      tradeNo: notice.trade_no,
    },
    now,
  );
  if (!settled) {
    await record("UNKNOWN_TRADE");
    return "success";
  }
  await record(settled.outcome, settled.detail);
  if (settled.outcome === "MISMATCH" || settled.outcome === "MALFORMED")
    logger.warn({ outTradeNo: notice.out_trade_no, detail: settled.detail }, "alipay notification flagged");
  return "success";
}
