import { useTranslation } from "react-i18next";
import { formatChinaInstant, formatMoney, formatNumber } from "~/utils/format";

type CustomsRules = {
  effectiveFrom: string;
  source: string;
  postalParcelLimit: string;
  postalParcelLimitByOrigin: Record<string, string>;
  postalTaxWaiver: string;
  cbecSingleLimit: string;
  cbecAnnualLimit: string;
  cbecTaxShare: string;
};

/** The rule set a quote used: the stored one (with its Chinese source) or a document's own (sourceZh ""). */
export type CustomsRuleSetView = { sourceZh: string; customs: CustomsRules };

/** The rule set's name as this locale reads it. */
export function useCustomsSourceName(ruleSet: CustomsRuleSetView) {
  const { i18n } = useTranslation();
  return i18n.language.startsWith("zh") && ruleSet.sourceZh ? ruleSet.sourceZh : ruleSet.customs.source;
}

/** Names the customs rules a quote was computed under, their limits, and how customs really values parcels. */
export function CustomsRulesNote({ ruleSet }: { ruleSet: CustomsRuleSetView }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const { customs } = ruleSet;
  const sourceName = useCustomsSourceName(ruleSet);
  const money = (amount: string) => formatMoney(amount, "CNY", locale);
  const overrides = Object.entries(customs.postalParcelLimitByOrigin)
    .map(([country, limit]) =>
      t("quote:customs.override", { country: t(`countries.${country}`, { defaultValue: country }), limit: money(limit) }),
    )
    .join(t("quote:customs.listSeparator"));
  return (
    <aside className="notice customs-rules" aria-label={t("quote:customs.label")} data-testid="customs-rules">
      <p>
        <strong>{t("quote:customs.rules", { source: sourceName, from: formatChinaInstant(customs.effectiveFrom) })}</strong>
      </p>
      <p className="explain">
        {t("quote:customs.postal", { limit: money(customs.postalParcelLimit), waiver: money(customs.postalTaxWaiver) })}
        {overrides ? ` ${t("quote:customs.overrides", { list: overrides })}` : ""}
      </p>
      <p className="explain">
        {t("quote:customs.cbec", {
          single: money(customs.cbecSingleLimit),
          annual: money(customs.cbecAnnualLimit),
          share: formatNumber(customs.cbecTaxShare, locale, { style: "percent", maximumFractionDigits: 2 }),
        })}
      </p>
      <p className="explain">{t("quote:customs.valuation")}</p>
    </aside>
  );
}
