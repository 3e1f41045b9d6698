import { useTranslation } from "react-i18next";
import { fromFen } from "~/domain/landed-cost/money";
import { formatDate, formatMoney } from "~/utils/format";
import { StackedCostBar } from "./cost-breakdown";
import { ArrivalStages, ExpectedArrival, type ExpectedArrivalView } from "./expected-arrival";
import { GuaranteeLink } from "./guarantee-link";
import { PackingLine, type PackingView } from "./packing-line";

type Shipping = {
  nameZh: string;
  nameEn: string;
  regime: string;
  estimate: { earliest: string; latest: string; fromPayment: boolean } | null;
  etaDays: { min: number; max: number } | null;
  arrival: (ExpectedArrivalView & { stages: NonNullable<ExpectedArrivalView["stages"]> }) | null;
};

/** What the order was locked with: the line, its customs regime, when it should arrive, and the quote's lines. */
export function OrderShippingFacts({
  shipping,
  quote,
}: {
  shipping: Shipping;
  quote: { lines: { code: string; amount: string }[]; total: string; packing?: PackingView } | null;
}) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  return (
    <section aria-labelledby="locked-title" data-testid="order-shipping">
      <h2 id="locked-title">{t("orders:facts.title")}</h2>
      <dl className="facts">
        <dt>{t("orders:facts.line")}</dt>
        <dd data-testid="order-line">{locale === "en" ? shipping.nameEn : shipping.nameZh}</dd>
        <dt>{t("orders:facts.regime")}</dt>
        <dd>
          <span data-testid="order-regime">{t(`quote:regimes.${shipping.regime}.name`)}</span>
          <details>
            <summary>{t("orders:facts.regimeWhat")}</summary>
            <p className="muted">{t(`quote:regimes.${shipping.regime}.explain`)}</p>
          </details>
        </dd>
        <dt>{t("orders:facts.eta")}</dt>
        <dd>
          {shipping.arrival ? (
            <>
              <p>
                <ExpectedArrival arrival={shipping.arrival} etaDays={shipping.etaDays} testId="order-arrival" />
              </p>
              {shipping.arrival.delivered ? null : (
                <p className="muted">
                  <small>{t("orders:arrival.how")}</small>
                </p>
              )}
            </>
          ) : null}
          {/* The line's advertised window stays beside the prediction: it is what the line promises. */}
          <span data-testid="order-eta" className={shipping.arrival ? "muted" : undefined}>
            {shipping.estimate && shipping.etaDays
              ? t(shipping.estimate.fromPayment ? "orders:facts.etaFromPayment" : "orders:facts.etaFromNow", {
                  earliest: formatDate(shipping.estimate.earliest, locale),
                  latest: formatDate(shipping.estimate.latest, locale),
                  min: shipping.etaDays.min,
                  max: shipping.etaDays.max,
                })
              : t("orders:facts.etaUnknown")}
          </span>
          {shipping.arrival && !shipping.arrival.delivered ? <ArrivalStages stages={shipping.arrival.stages} /> : null}
        </dd>
      </dl>
      {quote ? (
        <>
          <h3>{t("orders:facts.lockedQuote")}</h3>
          <StackedCostBar lines={quote.lines} total={quote.total} />
          <PackingLine packing={quote.packing} />
        </>
      ) : null}
      <p className="muted">
        {t("orders:facts.final")} <GuaranteeLink />
      </p>
    </section>
  );
}

/** A refund from the agent's figures and where it stands. */
export function PendingRefund({ amountFen, state }: { amountFen: number; state: string }) {
  const { t, i18n } = useTranslation();
  if (state === "NONE") return null;
  return (
    <p data-testid="pending-refund" className={`refund-state refund-${state.toLowerCase()}`}>
      {t(`orders:refund.${state}`, { amount: formatMoney(fromFen(amountFen), "CNY", i18n.language) })}
    </p>
  );
}
