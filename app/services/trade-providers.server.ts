import { alipayAmount, type TradeReport } from "~/domain/payments/alipay-notice";
import { wechatTradeReport, wechatTransactionSchema, withAmountOf } from "~/domain/payments/wechat-notice";
import { alipay } from "./alipay-client.server";
import { wechatPay } from "./wechat-pay-client.server";

// The providers a trade of ours can be paid through (Alipay, WeChat Pay), behind the one small
// interface the trade service (payment-trades.server.ts: open, settle, query, the job) is written against.
// Each says who it is (what a report must name to be ours), how a trade is opened (the link the
// shopper is sent to) and how it is asked about (its answer as the TradeReport judgeTradeReport weighs).

export const PROVIDER_IDS = ["ALIPAY", "WECHAT"] as const;
export type ProviderId = (typeof PROVIDER_IDS)[number];

export type OpenRequest = {
  outTradeNo: string;
  amountFen: number;
  subject: string;
  device: "wap" | "page";
  /** Our /payments/:id, where the shopper comes back (and where a desktop sees WeChat's QR code). */
  returnUrl: string;
  expiresAt: Date;
  clientIp: string;
};

export type Opened = { ok: true; cashierUrl: string; codeUrl?: string } | { ok: false; message: string };
export type Queried = { ok: true; report: TradeReport | null } | { ok: false; code: string; message: string };

export interface TradeProvider {
  readonly id: ProviderId;
  /** Names the provider in the ledger entry's note ("支付宝 2026…"). */
  readonly label: string;
  /** What a report must name to be about a trade of ours: our app and our merchant. */
  readonly expected: { appId: string; sellerId: string };
  open(trade: OpenRequest): Promise<Opened>;
  /** The provider's signed answer on the trade; report null when it does not know the trade. */
  query(trade: { outTradeNo: string; amountFen: number }): Promise<Queried>;
}

function alipayProvider(): TradeProvider | null {
  const client = alipay();
  if (!client) return null;
  return {
    id: "ALIPAY",
    label: "支付宝",
    expected: { appId: client.appId, sellerId: client.sellerId },
    async open(trade) {
      const cashierUrl = client.cashierUrl({
        outTradeNo: trade.outTradeNo,
        amount: alipayAmount(trade.amountFen),
        subject: trade.subject,
        device: trade.device,
        returnUrl: trade.returnUrl,
        expiresAt: trade.expiresAt,
      });
      return { ok: true, cashierUrl };
    },
    async query(trade) {
      const answer = await client.queryTrade(trade.outTradeNo);
      if (!answer.ok) return { ok: false, code: answer.code, message: answer.message };
      if (!answer.found) return { ok: true, report: null };
      return {
        ok: true,
        report: { sellerId: answer.sellerId, tradeStatus: answer.tradeStatus, totalAmount: answer.totalAmount, tradeNo: answer.tradeNo },
      };
    },
  };
}

function wechatProvider(): TradeProvider | null {
  const client = wechatPay();
  if (!client) return null;
  return {
    id: "WECHAT",
    label: "微信支付",
    expected: { appId: client.appId, sellerId: client.mchId },
    async open(trade) {
      const order = { outTradeNo: trade.outTradeNo, amountFen: trade.amountFen, description: trade.subject, expiresAt: trade.expiresAt };
      if (trade.device === "wap") {
        // A phone: WeChat's H5 page opens the WeChat app, then sends the shopper back to redirect_url.
        const h5 = await client.h5Order({ ...order, clientIp: trade.clientIp });
        if (!h5.ok) return { ok: false, message: h5.message };
        const joiner = h5.h5Url.includes("?") ? "&" : "?";
        return { ok: true, cashierUrl: `${h5.h5Url}${joiner}redirect_url=${encodeURIComponent(trade.returnUrl)}` };
      }
      // A desktop: our own page shows code_url as a QR code to scan with WeChat.
      const native = await client.nativeOrder(order);
      if (!native.ok) return { ok: false, message: native.message };
      return { ok: true, cashierUrl: trade.returnUrl, codeUrl: native.codeUrl };
    },
    async query(trade) {
      const answer = await client.queryTrade(trade.outTradeNo);
      if (!answer.ok) return { ok: false, code: answer.code, message: answer.message };
      if (!answer.found) return { ok: true, report: null };
      const parsed = wechatTransactionSchema.safeParse(answer.transaction);
      if (!parsed.success) return { ok: false, code: "MALFORMED", message: "the trade query answer is not a transaction" };
      return { ok: true, report: withAmountOf(wechatTradeReport(parsed.data), trade.amountFen) };
    },
  };
}

/** The provider of that id, or null when it is not configured. */
export function tradeProvider(id: string): TradeProvider | null {
  if (id === "ALIPAY") return alipayProvider();
  if (id === "WECHAT") return wechatProvider();
  return null;
}

/** The providers configured in this process. */
export const configuredProviders = (): TradeProvider[] =>
  PROVIDER_IDS.map((id) => tradeProvider(id)).filter((provider): provider is TradeProvider => provider !== null);
