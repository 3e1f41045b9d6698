import { useTranslation } from "react-i18next";
import { formatMoney } from "~/utils/format";

const ANNUAL_LIMIT = "26000.00";

export function AllowanceMeter({ used }: { used: string }) {
  const { t, i18n } = useTranslation();
  const remaining = Math.max(0, Number(ANNUAL_LIMIT) - Number(used)).toFixed(2);
  return (
    <div className="allowance landed-box">
      <label htmlFor="cbec-allowance">{t("quote:allowance.label")}</label>
      <meter id="cbec-allowance" min={0} max={Number(ANNUAL_LIMIT)} value={Number(used)} />
      <p className="muted">
        {t("quote:allowance.status", {
          used: formatMoney(used, "CNY", i18n.language),
          limit: formatMoney(ANNUAL_LIMIT, "CNY", i18n.language),
          remaining: formatMoney(remaining, "CNY", i18n.language),
        })}
      </p>
    </div>
  );
}
