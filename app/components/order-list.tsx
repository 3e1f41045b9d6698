import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { fromFen } from "~/domain/landed-cost/money";
import { formatDateTime, formatMoney } from "~/utils/format";
import { OrderProduct } from "./order-product";

type OrderRow = {
  id: string;
  number: string;
  status: string;
  storeName: string;
  totalFen: number;
  lastEventAt: string;
  user: { name: string };
  agent: { name: string } | null;
  items: { titleZh: string; titleEn: string; quantity: number; imageUrl: string | null }[];
  _count: { items: number };
  stale?: boolean;
};

/** Orders as cards: number, status, what is in it (pictures and names), total, last update; stale ones flagged. */
export function OrderList({ orders, showPeople = false }: { orders: OrderRow[]; showPeople?: boolean }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  return (
    <ul className="order-list">
      {orders.map((order) => (
        <li key={order.id} className={order.stale ? "order-card stale" : "order-card"}>
          <p>
            <Link to={`/orders/${order.id}`}>{order.number}</Link>{" "}
            <span className={`badge status-${order.status.toLowerCase()}`}>{t(`orders:status.${order.status}`)}</span>
            {order.stale ? <span className="badge badge-warn">{t("orders:queue.stale")}</span> : null}
          </p>
          <Link to={`/orders/${order.id}`} className="order-items-link">
            <OrderProduct items={order.items} count={order._count.items} />
          </Link>
          <p>
            {formatMoney(fromFen(order.totalFen), "CNY", locale)} · {order.storeName} ·{" "}
            <span className="muted">{t("orders:queue.updated", { time: formatDateTime(order.lastEventAt, locale) })}</span>
          </p>
          {showPeople ? (
            <p className="muted">
              {t("orders:queue.shopper", { name: order.user.name })} ·{" "}
              {order.agent ? t("orders:queue.agent", { name: order.agent.name }) : t("orders:queue.unassigned")}
            </p>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
