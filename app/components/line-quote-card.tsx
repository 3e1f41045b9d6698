import { useTranslation } from "react-i18next";
import { formatDateTime, formatMoney, formatWeight } from "~/utils/format";
import { StackedCostBar } from "./cost-breakdown";
import { ExpectedArrival } from "./expected-arrival";
import { PackingLine, type PackingView } from "./packing-line";

type QuoteLine = { code: string; amount: string };
export type QuoteView = {
  regime: string;
  lines: QuoteLine[];
  total: string;
  chargeableWeightGrams: number;
  taxExempt: boolean;
  fxRates: Record<string, string>;
  ratesAsOf: string;
  validUntil: string;
  warnings: string[];
  packing?: PackingView;
};
export type QuoteErrorView = { code: string; message: string; details?: Record<string, unknown> };
type LineView = {
  code: string;
  nameZh: string;
  nameEn: string;
  customsRegime: string;
  etaDaysMin: number;
  etaDaysMax: number;
  volumetricDivisor: number | null;
};

export type LineQuoteView = {
  line: LineView;
  outcome: { ok: true; quote: QuoteView } | { ok: false; error: QuoteErrorView };
  cheapest: boolean;
  fastest: boolean;
};

/** Explains a quote in plain words: the regime, the waiver, chargeable weight, the rates used. */
export function QuoteExplanation({ quote, divisor }: { quote: QuoteView; divisor: number | null }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  return (
    <>
      <p className="explain">{t(`quote:regimes.${quote.regime}.explain`)}</p>
      {quote.taxExempt ? <p className="explain">{t("quote:explain.taxWaived")}</p> : null}
      <PackingLine packing={quote.packing} />
      <p className="explain">
        {t(divisor ? "quote:explain.chargeable" : "quote:explain.chargeableActual", {
          weight: formatWeight(quote.chargeableWeightGrams, locale),
          divisor,
        })}
      </p>
      <p className="explain">
        {Object.entries(quote.fxRates)
          .map(([currency, rate]) => t("quote:explain.fx", { currency, rate }))
          .join("；")}{" "}
        {t("quote:explain.ratesAsOf", { asOf: formatDateTime(quote.ratesAsOf, locale) })}
      </p>
      {quote.warnings.map((warning) => (
        <p key={warning} className="notice warning">
          {t(`quote:warnings.${warning}`, { defaultValue: warning })}
        </p>
      ))}
      <p className="explain">{t("quote:explain.validUntil", { time: formatDateTime(quote.validUntil, locale) })}</p>
    </>
  );
}

export function LineQuoteCard({ quote, locale, expectedAt = null }: { quote: LineQuoteView; locale: string; expectedAt?: string | null }) {
  const { t } = useTranslation();
  const { line, outcome } = quote;
  const name = locale === "en" ? line.nameEn : line.nameZh;
  return (
    <article className={`line-card${quote.cheapest ? " best" : ""}`} aria-label={name}>
      <h3>
        {name}
        {quote.cheapest ? <span className="badge badge-good">{t("quote:badges.cheapest")}</span> : null}
        {quote.fastest ? <span className="badge">{t("quote:badges.fastest")}</span> : null}
      </h3>
      <p className="muted">
        {t(`quote:regimes.${line.customsRegime}.name`)} ·{" "}
        {expectedAt ? (
          <ExpectedArrival
            arrival={{ deliveredAt: expectedAt, delivered: false }}
            etaDays={{ min: line.etaDaysMin, max: line.etaDaysMax }}
            testId={`quote-arrival-${line.code}`}
          />
        ) : (
          t("quote:eta", { min: line.etaDaysMin, max: line.etaDaysMax })
        )}
      </p>
      {outcome.ok ? (
        <>
          <p className="landed-price" data-testid="line-total">
            {formatMoney(outcome.quote.total, "CNY", locale)}
          </p>
          <StackedCostBar lines={outcome.quote.lines} total={outcome.quote.total} />
          <QuoteExplanation quote={outcome.quote} divisor={line.volumetricDivisor} />
        </>
      ) : (
        <QuoteErrorNotice error={outcome.error} compact />
      )}
    </article>
  );
}

export function QuoteErrorNotice({ error, compact = false }: { error: QuoteErrorView; compact?: boolean }) {
  const { t, i18n } = useTranslation();
  const details = Object.fromEntries(
    Object.entries(error.details ?? {}).map(([key, value]) => [
      key,
      typeof value === "string" && /^\d+(\.\d+)?$/.test(value) && key !== "units" ? formatMoney(value, "CNY", i18n.language) : value,
    ]),
  );
  const fields = Array.isArray(error.details?.fields) ? (error.details.fields as string[]).join(", ") : "";
  return (
    <div className={compact ? "line-error" : "notice error"} role={compact ? undefined : "alert"}>
      <p>
        <strong>{t(`quote:errors.${error.code}`, { ...details, fields, defaultValue: error.message })}</strong>
      </p>
      <p>{t(`quote:advice.${error.code}`, { defaultValue: "" })}</p>
    </div>
  );
}
