// The guarantee report: what the platform paid so shoppers never pay twice, by month (China time),
// by store and by agent. Rows are the GuaranteeCost ledger (corrections are negative rows), so a
// group's total is the net cost and its order count the distinct orders behind it.
import { chinaMonth } from "~/domain/china-time";

export type GuaranteeCostRow = {
  orderId: string;
  agentId: string | null;
  storeName: string;
  stage: string;
  amountFen: number;
  createdAt: Date;
};
export type GuaranteeGroup = { key: string; totalFen: number; orderCount: number };
export type GuaranteeSummary = {
  totalFen: number;
  orderCount: number;
  byMonth: GuaranteeGroup[];
  byStore: GuaranteeGroup[];
  byAgent: GuaranteeGroup[];
  byStage: GuaranteeGroup[];
};

function group(rows: readonly GuaranteeCostRow[], keyOf: (row: GuaranteeCostRow) => string): GuaranteeGroup[] {
  const groups = new Map<string, { totalFen: number; orders: Set<string> }>();
  for (const row of rows) {
    const key = keyOf(row);
    const entry = groups.get(key) ?? { totalFen: 0, orders: new Set<string>() };
    entry.totalFen += row.amountFen;
    entry.orders.add(row.orderId);
    groups.set(key, entry);
  }
  return [...groups.entries()].map(([key, entry]) => ({ key, totalFen: entry.totalFen, orderCount: entry.orders.size }));
}

export function summarizeGuarantee(rows: readonly GuaranteeCostRow[]): GuaranteeSummary {
  const byTotal = (a: GuaranteeGroup, b: GuaranteeGroup) => b.totalFen - a.totalFen || a.key.localeCompare(b.key);
  return {
    totalFen: rows.reduce((total, row) => total + row.amountFen, 0),
    orderCount: new Set(rows.map((row) => row.orderId)).size,
    // Newest month first; stores and agents by what they cost.
    byMonth: group(rows, (row) => chinaMonth(row.createdAt)).sort((a, b) => b.key.localeCompare(a.key)),
    byStore: group(rows, (row) => row.storeName).sort(byTotal),
    byAgent: group(rows, (row) => row.agentId ?? "").sort(byTotal),
    byStage: group(rows, (row) => row.stage).sort(byTotal),
  };
}
