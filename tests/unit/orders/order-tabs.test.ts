import { describe, expect, test } from "vitest";
import { countTabs, ORDER_TABS, orderTabSchema, statusesOfTab, tabOfStatus } from "~/domain/orders/order-tabs";
import { ORDER_STATUSES } from "~/domain/orders/status-machine";

describe("order centre tabs", () => {
  test("every status belongs to at most one status tab, and each tab lists exactly its statuses", () => {
    const tabs = ["to-pay", "purchasing", "to-receive"] as const;
    const listed = tabs.flatMap((tab) => statusesOfTab(tab));
    expect(new Set(listed).size).toBe(listed.length);
    for (const status of ORDER_STATUSES) {
      const tab = tabOfStatus(status);
      if (tab) expect(statusesOfTab(tab as (typeof tabs)[number])).toContain(status);
    }
    expect(statusesOfTab("to-pay")).toEqual(["PENDING_PAYMENT"]);
    expect(statusesOfTab("to-receive")).toEqual(expect.arrayContaining(["PURCHASED", "SHIPPED", "IN_CUSTOMS"]));
  });

  test("finished and cancelled orders count only in 全部; an unknown status too", () => {
    for (const status of ["DELIVERED", "COMPLETED", "CANCELLED", "EXCEPTION"]) expect(tabOfStatus(status)).toBeNull();
  });

  test("counts add up per tab and after-sales is counted on its own", () => {
    const counts = countTabs(
      [
        { status: "PENDING_PAYMENT", count: 2 },
        { status: "PAID", count: 1 },
        { status: "PURCHASING", count: 3 },
        { status: "SHIPPED", count: 1 },
        { status: "COMPLETED", count: 4 },
      ],
      2,
    );
    expect(counts).toEqual({ all: 11, "to-pay": 2, purchasing: 4, "to-receive": 1, "after-sales": 2 });
  });

  test("a tab from the address bar is one of the five; anything else shows 全部", () => {
    expect(ORDER_TABS).toHaveLength(5);
    expect(orderTabSchema.parse("to-receive")).toBe("to-receive");
    expect(orderTabSchema.parse("<script>")).toBe("all");
    expect(orderTabSchema.parse(undefined)).toBe("all");
  });
});
