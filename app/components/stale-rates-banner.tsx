import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDate } from "~/utils/format";

export type RatesBannerData = { stale: boolean; asOf: string | null; maxAgeHours: number };

/** Shown on every admin page while quotes are refused for lack of current rates. */
export function StaleRatesBanner({ rates }: { rates: RatesBannerData }) {
  const { t, i18n } = useTranslation();
  if (!rates.stale) return null;
  return (
    <div className="page">
      <p role="alert" className="notice warning">
        {rates.asOf
          ? t("jobs:banner.stale", { asOf: formatDate(rates.asOf, i18n.language), hours: rates.maxAgeHours })
          : t("jobs:banner.none")}{" "}
        <Link to="/admin/jobs">{t("jobs:banner.action")}</Link>
      </p>
    </div>
  );
}
