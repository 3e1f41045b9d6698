import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatMoney } from "~/utils/format";
import { StackedCostBar } from "./cost-breakdown";
import { QuoteErrorNotice, QuoteExplanation, type QuoteErrorView, type QuoteView } from "./line-quote-card";

type Landed = {
  line: { nameZh: string; nameEn: string; volumetricDivisor: number | null };
  outcome: { ok: true; quote: QuoteView } | { ok: false; error: QuoteErrorView };
};

/** The listing's landed price, with the breakdown one tap away (a <details>, so no JavaScript needed). */
export function LandedPrice({ landed, compareHref = "/quote" }: { landed: Landed; compareHref?: string }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const lineName = locale === "en" ? landed.line.nameEn : landed.line.nameZh;
  if (!landed.outcome.ok) return <QuoteErrorNotice error={landed.outcome.error} />;
  const { quote } = landed.outcome;
  // On an unknown weight the calculator prices 0 g of shipping: a minimum, never shown as the price
  // (lists say the same words and show no number).
  const pending = quote.warnings.includes("WEIGHT_UNKNOWN");
  const title = pending ? t("catalog:landed.pendingWeight") : t("quote:landedPrice");
  return (
    <section className="landed-box" aria-labelledby="landed-title">
      <h2 id="landed-title" className="visually-hidden">
        {title}
      </h2>
      <p className={pending ? "landed-pending" : "muted"}>{title}</p>
      {pending ? (
        <p data-testid="landed-minimum">{t("catalog:landed.atLeast", { amount: formatMoney(quote.total, "CNY", locale) })}</p>
      ) : (
        <p className="landed-price" data-testid="landed-total">
          {formatMoney(quote.total, "CNY", locale)}
        </p>
      )}
      <p className="muted">{t("quote:landedFor", { line: lineName })}</p>
      <details>
        <summary>{t("quote:showBreakdown")}</summary>
        <StackedCostBar lines={quote.lines} total={quote.total} />
        <QuoteExplanation quote={quote} divisor={landed.line.volumetricDivisor} />
        <p>
          <Link to={compareHref}>{t("quote:otherLines")}</Link>
        </p>
      </details>
    </section>
  );
}
