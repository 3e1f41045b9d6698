import { z } from "zod";
import type { OrderStatus } from "./status-machine";

// The shopper's order centre groups orders the way every shopping app in China does: 全部, 待付款, 采购中
// (paid, being bought abroad), 待收货 (bought, on its way), 退款售后 (a return or complaint is open or was
// filed). One table says which status belongs to which tab, so the tab counts and the lists agree.

export const ORDER_TABS = ["all", "to-pay", "purchasing", "to-receive", "after-sales"] as const;
export type OrderTab = (typeof ORDER_TABS)[number];
export const orderTabSchema = z.enum(ORDER_TABS).catch("all");

const TAB_OF_STATUS: Readonly<Record<OrderStatus, Exclude<OrderTab, "all" | "after-sales"> | null>> = {
  PENDING_PAYMENT: "to-pay",
  PAID: "purchasing",
  PURCHASING: "purchasing",
  AWAITING_SHOPPER: "purchasing",
  PURCHASED: "to-receive",
  AT_WAREHOUSE: "to-receive",
  SHIPPED: "to-receive",
  IN_CUSTOMS: "to-receive",
  DELIVERED: null,
  COMPLETED: null,
  CANCELLED: null,
};

/** The statuses a status tab lists (all and after-sales are not status tabs). */
export function statusesOfTab(tab: "to-pay" | "purchasing" | "to-receive"): OrderStatus[] {
  return (Object.keys(TAB_OF_STATUS) as OrderStatus[]).filter((status) => TAB_OF_STATUS[status] === tab);
}

/** The tab an order in this status counts in, besides 全部 (an unknown legacy status counts in none). */
export function tabOfStatus(status: string): OrderTab | null {
  return (TAB_OF_STATUS as Record<string, OrderTab | null>)[status] ?? null;
}

/** Tab counts from per-status counts and the number of orders with an after-sales case. */
export function countTabs(byStatus: readonly { status: string; count: number }[], afterSales: number): Record<OrderTab, number> {
  const counts: Record<OrderTab, number> = { all: 0, "to-pay": 0, purchasing: 0, "to-receive": 0, "after-sales": afterSales };
  for (const { status, count } of byStatus) {
    counts.all += count;
    const tab = tabOfStatus(status);
    if (tab) counts[tab] += count;
  }
  return counts;
}
