import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { fromFen } from "~/domain/landed-cost/money";
import { formatDateTime, formatMoney } from "~/utils/format";

type ReturnRow = { id: string; number: string; status: string; reason: string; fault: string; quotedRefundFen: number; disputeStatus: string | null; lastEventAt: string; order: { number: string }; user: { name: string } };

export function ReturnList({ returns, showShopper = false }: { returns: ReturnRow[]; showShopper?: boolean }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  return (
    <ul className="order-list">
      {returns.map((entry) => (
        <li key={entry.id} className="order-card">
          <p>
            <Link to={`/returns/${entry.id}`}>{entry.number}</Link> <span className={`badge status-${entry.status.toLowerCase()}`}>{t(`returns:status.${entry.status}`)}</span>
            {entry.disputeStatus === "OPEN" ? <span className="badge badge-warn">{t("returns:dispute.status.OPEN")}</span> : null}
          </p>
          <p className="muted">
            {t("returns:detail.order", { number: entry.order.number })} · {t(`returns:reasons.${entry.reason}`)} · {t(`returns:faults.${entry.fault}`)}
            {showShopper ? ` · ${entry.user.name}` : ""}
          </p>
          <p>
            {t("returns:detail.filedRefund", { amount: formatMoney(fromFen(entry.quotedRefundFen), "CNY", locale) })} · <span className="muted">{formatDateTime(entry.lastEventAt, locale)}</span>
          </p>
        </li>
      ))}
    </ul>
  );
}
