import { Link } from "@remix-run/react";
import type { ReturnAmount } from "~/domain/returns";
import { formatDateTime } from "~/utils/format";
import { OrderProduct, type OrderProductItem } from "./order-product";
import { useReturnText } from "./return-text";

type ReturnRow = {
  id: string;
  number: string;
  status: string;
  statusKey: string;
  reason: string;
  fault: string;
  amount: ReturnAmount;
  disputeStatus: string | null;
  lastEventAt: string;
  order: { number: string; items: OrderProductItem[]; _count: { items: number } };
  user: { name: string };
};

/** Returns in a list: each row with the same status and amount (and label) as the return's own page. */
export function ReturnList({ returns, showShopper = false }: { returns: ReturnRow[]; showShopper?: boolean }) {
  const { t, locale, text } = useReturnText();
  return (
    <ul className="order-list">
      {returns.map((entry) => (
        <li key={entry.id} className="order-card" data-testid="return-row">
          <p>
            <Link to={`/returns/${entry.id}`}>{entry.number}</Link>{" "}
            <span className={`badge status-${entry.status.toLowerCase()}`}>{t(entry.statusKey)}</span>
            {entry.disputeStatus ? (
              <span className={entry.disputeStatus === "OPEN" ? "badge badge-warn" : "badge"}>
                {t(`returns:dispute.status.${entry.disputeStatus}`)}
              </span>
            ) : null}
          </p>
          <OrderProduct items={entry.order.items} count={entry.order._count.items} />
          <p className="muted">
            {t("returns:detail.order", { number: entry.order.number })} · {t(`returns:reasons.${entry.reason}`)} ·{" "}
            {t(`returns:faults.${entry.fault}`)}
            {showShopper ? ` · ${entry.user.name}` : ""}
          </p>
          <p>
            <span data-testid="return-row-amount">{text(entry.amount)}</span> ·{" "}
            <span className="muted">{formatDateTime(entry.lastEventAt, locale)}</span>
          </p>
        </li>
      ))}
    </ul>
  );
}
