import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { fromFen } from "~/domain/landed-cost/money";
import { formatDateTime, formatMoney } from "~/utils/format";

type ClaimRow = {
  id: string;
  number: string;
  reason: string;
  status: string;
  payoutFen: number;
  createdAt: string;
  order: { id: string; number: string };
  user: { name: string };
};

/** Claims in a list: status, reason, the table's payout, the order, when filed; an admin sees who filed. */
export function ClaimList({ claims, showShopper = false }: { claims: ClaimRow[]; showShopper?: boolean }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  return (
    <ul className="order-list">
      {claims.map((claim) => (
        <li key={claim.id} className="order-card" data-testid="claim-row">
          <p>
            <Link to={`/claims/${claim.id}`}>{claim.number}</Link>{" "}
            <span className={`badge status-${claim.status.toLowerCase()}`}>{t(`claims:status.${claim.status}`)}</span>{" "}
            <strong>{formatMoney(fromFen(claim.payoutFen), "CNY", locale)}</strong>
          </p>
          <p className="muted">
            {t(`claims:reasons.${claim.reason}`)} · {t("claims:list.order", { number: claim.order.number })}
            {showShopper ? ` · ${claim.user.name}` : ""} · {formatDateTime(claim.createdAt, locale)}
          </p>
        </li>
      ))}
    </ul>
  );
}
