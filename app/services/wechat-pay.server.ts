import { alipayAmount } from "~/domain/payments/alipay-notice";
import {
  REFUND_EVENTS,
  TRANSACTION_EVENT,
  wechatNoticeSchema,
  wechatRefundResourceSchema,
  wechatTradeReport,
  wechatTransactionSchema,
} from "~/domain/payments/wechat-notice";
import { db } from "~/utils/db.server";
import { logger } from "~/utils/logger.server";
import { settle } from "./payment-trades.server";
import { acceptWechatRefundNotice } from "./payment-refunds.server";
import { wechatPay } from "./wechat-pay-client.server";

// WeChat Pay's notifications (POST /payments/wechat/notify): the signature over the raw body checked
// first, then the resource decrypted with the APIv3 key; a transaction is judged and applied exactly
// as Alipay's are (judgeTradeReport, settle: once, behind the trade's row lock), a refund settles the
// PaymentRefund it names. Every notification is recorded in PaymentNotice with what became of it.

/** What we answer WeChat Pay: accepted (200, no body), or refused with a reason (it sends again later). */
export type WechatReply = { accepted: true } | { accepted: false; status: 400 | 401 | 404; message: string };

const MAX_NOTICE_BYTES = 64_000;

export async function acceptWechatNotice(headers: Headers, body: string, now = new Date()): Promise<WechatReply> {
  const provider = wechatPay();
  // A shop without WeChat Pay has no such endpoint: nobody there can be sending it notifications.
  if (!provider) return { accepted: false, status: 404, message: "WeChat Pay is not configured" };
  const seen: { outTradeNo?: string; providerTradeNo?: string; tradeStatus?: string; amount?: string } = {};
  const record = (outcome: string, detail?: string) =>
    db.paymentNotice.create({
      data: {
        provider: "WECHAT",
        outTradeNo: seen.outTradeNo?.slice(0, 64) ?? null,
        providerTradeNo: seen.providerTradeNo?.slice(0, 64) ?? null,
        tradeStatus: seen.tradeStatus?.slice(0, 32) ?? null,
        amount: seen.amount?.slice(0, 16) ?? null,
        outcome,
        detail: detail?.slice(0, 500) ?? null,
        receivedAt: now,
      },
    });
  const refuse = async (status: 400 | 401, outcome: string, detail: string): Promise<WechatReply> => {
    await record(outcome, detail);
    logger.warn({ outcome, detail }, "wechat pay notification refused");
    return { accepted: false, status, message: detail };
  };

  if (Buffer.byteLength(body, "utf8") > MAX_NOTICE_BYTES) return refuse(400, "MALFORMED", "the body is larger than a notification");
  const verified = provider.verifyNotification(headers, body, now);
  if (!verified.ok) return refuse(401, "BAD_SIGNATURE", verified.reason);

  let envelope: unknown;
  try {
    envelope = JSON.parse(body);
  } catch {
    return refuse(400, "MALFORMED", "the body is not JSON");
  }
  const parsed = wechatNoticeSchema.safeParse(envelope);
  if (!parsed.success) return refuse(400, "MALFORMED", issues(parsed.error.issues));
  const notice = parsed.data;
  seen.tradeStatus = notice.event_type;
  const plaintext = provider.decrypt(notice.resource);
  if (plaintext === null) return refuse(400, "MALFORMED", "the resource does not decrypt with our APIv3 key");
  let resource: unknown;
  try {
    resource = JSON.parse(plaintext);
  } catch {
    return refuse(400, "MALFORMED", "the decrypted resource is not JSON");
  }

  if (notice.event_type === TRANSACTION_EVENT) {
    const transaction = wechatTransactionSchema.safeParse(resource);
    if (!transaction.success) return refuse(400, "MALFORMED", `transaction: ${issues(transaction.error.issues)}`);
    const tx = transaction.data;
    Object.assign(seen, {
      outTradeNo: tx.out_trade_no,
      providerTradeNo: tx.transaction_id,
      tradeStatus: tx.trade_state,
      amount: tx.amount ? alipayAmount(tx.amount.total) : undefined,
    });
    const settled = await settle(
      { id: "WECHAT", label: "微信支付", expected: { appId: provider.appId, sellerId: provider.mchId } },
      tx.out_trade_no,
      wechatTradeReport(tx),
      now,
    );
    if (!settled) {
      await record("UNKNOWN_TRADE");
      return { accepted: true };
    }
    await record(settled.outcome, settled.detail);
    if (settled.outcome === "MISMATCH" || settled.outcome === "MALFORMED")
      logger.warn({ outTradeNo: tx.out_trade_no, detail: settled.detail }, "wechat pay notification flagged");
    return { accepted: true };
  }

  if ((REFUND_EVENTS as readonly string[]).includes(notice.event_type)) {
    const refund = wechatRefundResourceSchema.safeParse(resource);
    if (!refund.success) return refuse(400, "MALFORMED", `refund: ${issues(refund.error.issues)}`);
    const data = refund.data;
    Object.assign(seen, {
      outTradeNo: data.out_trade_no,
      providerTradeNo: data.transaction_id,
      tradeStatus: data.refund_status,
      amount: alipayAmount(data.amount.refund),
    });
    const outcome = await acceptWechatRefundNotice(provider, data, now);
    await record(outcome.outcome, outcome.detail ?? `refund ${data.out_refund_no} ${notice.event_type}`);
    return { accepted: true };
  }

  // An event we do not subscribe to: kept on record, nothing moved.
  await record("IGNORED", `event_type ${notice.event_type}`);
  return { accepted: true };
}

const issues = (list: { path: (string | number)[]; message: string }[]) =>
  list.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ");
