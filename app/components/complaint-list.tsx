import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDateTime } from "~/utils/format";
import { OrderProduct, type OrderProductItem } from "./order-product";

type ComplaintRow = {
  id: string;
  number: string;
  category: string;
  status: string;
  outcome: string | null;
  overdue: boolean;
  lastEventAt: string;
  order: { id: string; number: string; items: OrderProductItem[]; _count: { items: number } };
  user: { name: string };
};

/** Complaints in a list: status (and outcome once closed), category, order, last activity; staff see who filed. */
export function ComplaintList({ complaints, showShopper = false }: { complaints: ComplaintRow[]; showShopper?: boolean }) {
  const { t, i18n } = useTranslation();
  return (
    <ul className="order-list">
      {complaints.map((complaint) => (
        <li key={complaint.id} className="order-card" data-testid="complaint-row">
          <p>
            <Link to={`/complaints/${complaint.id}`}>{complaint.number}</Link>{" "}
            <span className={`badge status-${complaint.status.toLowerCase()}`}>{t(`complaints:status.${complaint.status}`)}</span>
            {complaint.outcome ? <span className="badge">{t(`complaints:outcomes.${complaint.outcome}`)}</span> : null}
            {complaint.overdue ? <span className="badge badge-warn">{t("complaints:list.overdue")}</span> : null}
          </p>
          <OrderProduct items={complaint.order.items} count={complaint.order._count.items} />
          <p className="muted">
            {t(`complaints:categories.${complaint.category}`)} · {t("complaints:list.order", { number: complaint.order.number })}
            {showShopper ? ` · ${complaint.user.name}` : ""} · {formatDateTime(complaint.lastEventAt, i18n.language)}
          </p>
        </li>
      ))}
    </ul>
  );
}
