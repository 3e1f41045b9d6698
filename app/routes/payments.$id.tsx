import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData, useRevalidator } from "@remix-run/react";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { fromFen } from "~/domain/landed-cost/money";
import { getPaymentTrade } from "~/services/payment-trades.server";
import { qrCodeSvg } from "~/utils/qr-code.server";
import { requireUser } from "~/utils/auth.server";
import { formatDateTime, formatMoney } from "~/utils/format";
import { pageTitle } from "~/utils/meta";

// Where Alipay and WeChat Pay send the shopper back, and where a desktop paying with WeChat Pay sees
// the QR code of its Native order (code_url, drawn here as SVG on the server) to scan with WeChat.
// Coming back proves nothing (the return link can be typed): the page says "checking" until the
// provider's notification, or our query of the trade, has confirmed it, and checks again every few
// seconds (a meta refresh without JavaScript).

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "payments-id") }];

const RECHECK_SECONDS = 3;

export async function loader({ params, request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const trade = await getPaymentTrade(user, params.id ?? "");
  if (!trade) throw new Response("Payment not found", { status: 404 });
  const { codeUrl, ...shown } = trade;
  const qrSvg = trade.status === "CREATED" && trade.provider === "WECHAT" && codeUrl ? await qrCodeSvg(codeUrl) : null;
  return json({ trade: shown, qrSvg });
}

export default function PaymentResultPage() {
  const { trade, qrSvg } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const revalidator = useRevalidator();
  const checking = trade.status === "CREATED";
  useEffect(() => {
    if (!checking) return;
    const timer = setInterval(() => {
      if (revalidator.state === "idle" && document.visibilityState === "visible") revalidator.revalidate();
    }, RECHECK_SECONDS * 1000);
    return () => clearInterval(timer);
  }, [checking, revalidator]);
  const amount = formatMoney(fromFen(trade.amountFen), "CNY", i18n.language);
  const forOrder = trade.purpose === "ORDER" && trade.orderId;
  // The provider's own wording (支付宝 / 微信支付); the rest of the page is shared.
  const words = trade.provider === "WECHAT" ? "wechat" : "alipay";
  return (
    <section className="page narrow" aria-labelledby="payment-title">
      <h1 id="payment-title">{t(forOrder ? `wallet:${words}.orderTitle` : `wallet:${words}.resultTitle`)}</h1>
      <p className="landed-price">{amount}</p>
      {qrSvg ? (
        <figure className="payment-qr" data-testid="wechat-qr">
          {/* SVG drawn on the server from WeChat Pay's code_url by the qrcode library: no script, no outside input in the markup. */}
          <div role="img" aria-label={t("wallet:wechat.scan")} dangerouslySetInnerHTML={{ __html: qrSvg }} />
          <figcaption>{t("wallet:wechat.scan")}</figcaption>
        </figure>
      ) : null}
      <p role="status" aria-live="polite" className={trade.status === "PAID" ? "notice success" : "notice"} data-testid="payment-status">
        {t(`wallet:${words}.${forOrder ? "orderStatus" : "status"}.${trade.status}`, { amount })}
      </p>
      {checking ? (
        <noscript>
          <meta httpEquiv="refresh" content={String(RECHECK_SECONDS * 2)} />
        </noscript>
      ) : null}
      {checking ? (
        <p className="muted">{t("wallet:alipay.checkingHint", { time: formatDateTime(trade.expiresAt, i18n.language) })}</p>
      ) : null}
      <p className="muted">
        {t("wallet:alipay.number")}: {trade.outTradeNo}
      </p>
      <p>
        {forOrder ? (
          <Link to={`/orders/${trade.orderId}`} className="button primary">
            {t("wallet:alipay.toOrder")}
          </Link>
        ) : (
          <Link to="/wallet">{t("wallet:alipay.back")}</Link>
        )}
      </p>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
