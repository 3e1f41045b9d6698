import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { fromFen } from "~/domain/landed-cost/money";
import { formatDateTime, formatMoney } from "~/utils/format";
import { RequestStatusBadge } from "./request-facts";

type Row = {
  id: string;
  storeName: string;
  description: string;
  title: string | null;
  quantity: number;
  status: string;
  createdAt: string;
  quote: { totalFen: number } | null;
};

/** Requests as a list of cards: what, from which store, status and the quoted total. */
export function RequestList({ requests, base }: { requests: Row[]; base: string }) {
  const { t, i18n } = useTranslation();
  return (
    <ul className="card-list" data-testid="request-list">
      {requests.map((request) => (
        <li key={request.id} className="card">
          <h2>
            <Link to={`${base}/${request.id}`}>{request.title ?? request.description.slice(0, 60)}</Link>
          </h2>
          <p className="muted">
            {request.storeName} · {t("requests:detail.quantityValue", { count: request.quantity })} ·{" "}
            {formatDateTime(request.createdAt, i18n.language)}
          </p>
          <p>
            <RequestStatusBadge status={request.status} />
            {request.quote ? <> · {formatMoney(fromFen(request.quote.totalFen), "CNY", i18n.language)}</> : null}
          </p>
        </li>
      ))}
    </ul>
  );
}
