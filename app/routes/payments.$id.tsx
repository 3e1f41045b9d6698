import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData, useRevalidator } from "@remix-run/react";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { fromFen } from "~/domain/landed-cost/money";
import { getPaymentTrade } from "~/services/alipay.server";
import { requireUser } from "~/utils/auth.server";
import { formatDateTime, formatMoney } from "~/utils/format";

// Where Alipay sends the shopper back. Coming back proves nothing (the return link can be typed):
// the page says "checking" until Alipay's notification, or our query of the trade, has confirmed it,
// and checks again every few seconds (a meta refresh without JavaScript).

export const meta: MetaFunction = () => [{ title: "支付结果 · Payment" }];

const RECHECK_SECONDS = 3;

export async function loader({ params, request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const trade = await getPaymentTrade(user, params.id ?? "");
  if (!trade) throw new Response("Payment not found", { status: 404 });
  return json({ trade });
}

export default function PaymentResultPage() {
  const { trade } = useLoaderData<typeof loader>();
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
  return (
    <section className="page narrow" aria-labelledby="payment-title">
      <h1 id="payment-title">{t(forOrder ? "wallet:alipay.orderTitle" : "wallet:alipay.resultTitle")}</h1>
      <p className="landed-price">{amount}</p>
      <p role="status" aria-live="polite" className={trade.status === "PAID" ? "notice success" : "notice"} data-testid="payment-status">
        {t(`wallet:alipay.${forOrder ? "orderStatus" : "status"}.${trade.status}`, { amount })}
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
