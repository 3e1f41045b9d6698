import { z } from "zod";
import { chinaMonthStart } from "~/domain/china-time";
import { summarizeGuarantee, type GuaranteeRow } from "~/domain/orders";
import type { SessionUser } from "~/utils/auth.server";
import { db, type Tx } from "~/utils/db.server";
import { auditData, changedFields } from "./pricing-admin.server";

// The guarantee ("报价即最终价"): its two admin-set amounts, the ledger of what it cost the platform
// (GuaranteeCost rows, written with the order change that caused them), and the report over it.

export type GuaranteeSettings = { priceToleranceFen: number; refundApprovalFen: number };

const DEFAULTS: GuaranteeSettings = { priceToleranceFen: 2000, refundApprovalFen: 10_000 };

/** The settings row (the migration inserts it); the schema's defaults if it was removed. */
export async function getGuaranteeSettings(tx?: Tx): Promise<GuaranteeSettings> {
  const row = await (tx ?? db).guaranteeSettings.findUnique({
    where: { id: "default" },
    select: { priceToleranceFen: true, refundApprovalFen: true },
  });
  return row ?? DEFAULTS;
}

// Typed in yuan by the admin, stored as fen. At most ¥100,000: beyond that it is a typo, not a policy.
const yuan = (required: string) =>
  z
    .string({ required_error: required, invalid_type_error: required })
    .trim()
    .superRefine((value, ctx) => {
      const message = value === "" ? required : /^\d{1,6}(?:\.\d{1,2})?$/.test(value) ? null : "admin:errors.guaranteeAmountInvalid";
      if (message) ctx.addIssue({ code: z.ZodIssueCode.custom, message });
    })
    .transform((value) => Math.round(Number(value) * 100))
    .refine((fen) => fen <= 10_000_000, "admin:errors.guaranteeAmountTooLarge");

export const guaranteeSettingsSchema = z.object({
  priceTolerance: yuan("admin:errors.guaranteeAmountRequired"),
  refundApproval: yuan("admin:errors.guaranteeAmountRequired"),
});

/** An admin changes the settings: validated by the route, audited like /admin/pricing (only what changed). */
export async function updateGuaranteeSettings(admin: Pick<SessionUser, "id">, input: z.infer<typeof guaranteeSettingsSchema>) {
  const data = { priceToleranceFen: input.priceTolerance, refundApprovalFen: input.refundApproval };
  await db.$transaction(async (tx) => {
    const before = await tx.guaranteeSettings.findUnique({
      where: { id: "default" },
      select: { priceToleranceFen: true, refundApprovalFen: true },
    });
    const { changed, diff } = changedFields(before, data);
    if (!changed) return;
    await tx.guaranteeSettings.upsert({ where: { id: "default" }, create: { id: "default", ...data }, update: data });
    await tx.auditLog.create({
      data: auditData({
        actorId: admin.id,
        entity: "GuaranteeSettings",
        entityId: "default",
        action: before ? "update" : "create",
        ...diff,
      }),
    });
  });
}

/** The platform's cost for one order at one stage, in the transaction of the move that found it. */
export async function recordGuaranteeRows(
  tx: Tx,
  order: { id: string; agentId: string | null; storeName: string },
  rows: GuaranteeRow[],
  now: Date,
) {
  for (const row of rows) {
    if (row.amountFen === 0) continue;
    await tx.guaranteeCost.create({
      data: {
        orderId: order.id,
        agentId: order.agentId,
        storeName: order.storeName,
        stage: row.stage,
        amountFen: row.amountFen,
        createdAt: now,
      },
    });
  }
}

/** What the order's guarantee cost adds up to so far (corrections included). */
export async function recordedGuaranteeFen(tx: Tx, orderId: string) {
  const result = await tx.guaranteeCost.aggregate({ where: { orderId }, _sum: { amountFen: true } });
  return result._sum.amountFen ?? 0;
}

/** The report at /admin/guarantee: the last `months` months (China time), by month, store, agent and stage. */
export async function guaranteeReport(months = 12, now = new Date()) {
  const from = chinaMonthStart(now, months - 1);
  const rows = await db.guaranteeCost.findMany({
    where: { createdAt: { gte: from } },
    select: { orderId: true, agentId: true, storeName: true, stage: true, amountFen: true, createdAt: true },
  });
  const summary = summarizeGuarantee(rows);
  const agentIds = summary.byAgent.map((group) => group.key).filter(Boolean);
  const agents = await db.user.findMany({ where: { id: { in: agentIds } }, select: { id: true, name: true, email: true } });
  const names = new Map(agents.map((agent) => [agent.id, `${agent.name} (${agent.email})`]));
  return { from, summary: { ...summary, byAgent: summary.byAgent.map((group) => ({ ...group, name: names.get(group.key) ?? null })) } };
}

/** Refunds from agents' figures waiting for an admin, oldest first. */
export async function listRefundsAwaitingApproval() {
  return db.order.findMany({
    where: { refundState: "WAITING_APPROVAL" },
    select: {
      id: true,
      number: true,
      storeName: true,
      currency: true,
      totalFen: true,
      pendingRefundFen: true,
      actualCost: true,
      foreignOrderNumber: true,
      purchaseEvidence: true,
      lastEventAt: true,
      agent: { select: { name: true } },
      user: { select: { name: true } },
    },
    orderBy: { lastEventAt: "asc" },
    take: 100,
  });
}
