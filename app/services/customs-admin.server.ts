import { chinaIsoInstant } from "~/domain/china-time";
import { customsRulesInForce } from "~/domain/landed-cost";
import type { CustomsRuleSetForm } from "~/domain/pricing/customs-rules-form";
import type { SessionUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { isUniqueViolation } from "~/utils/db-locks.server";
import { invalidatePricingCache, loadCustomsRuleSets, toCustomsEntry } from "./pricing-context.server";

// Customs rule sets are legal facts with a start date. Admins add later ones; a set a quote has used
// is never edited or deleted (its quotes name it). The one change offered is deleting an upcoming
// set no quote used, e.g. one entered with a typo: add it again, corrected. Every change is audited.

export type RuleSetStatus = "IN_FORCE" | "UPCOMING" | "PAST";

/** Every rule set, newest first, with its status at `now` and how many stored quotes used it. */
export async function listCustomsRuleSets(now: Date) {
  const [rows, usage] = await Promise.all([
    db.customsRuleSet.findMany({
      select: {
        id: true,
        effectiveFrom: true,
        source: true,
        sourceZh: true,
        postalParcelLimit: true,
        postalParcelLimitByOrigin: true,
        postalTaxWaiver: true,
        cbecSingleLimit: true,
        cbecAnnualLimit: true,
        cbecTaxShare: true,
        createdAt: true,
      },
      orderBy: { effectiveFrom: "desc" },
    }),
    // Served by the Quote_customsRuleSetId index: a count per set, not a scan of the quotes.
    db.quote.groupBy({ by: ["customsRuleSetId"], where: { customsRuleSetId: { not: null } }, _count: { _all: true } }),
  ]);
  const entries = rows.map(toCustomsEntry);
  const inForce = customsRulesInForce(entries, now.toISOString());
  const quotes = new Map(usage.map((group) => [group.customsRuleSetId, group._count._all]));
  return entries.map((entry) => {
    const status: RuleSetStatus =
      entry.id === inForce?.id ? "IN_FORCE" : Date.parse(entry.effectiveFrom) > now.getTime() ? "UPCOMING" : "PAST";
    const quoteCount = quotes.get(entry.id) ?? 0;
    return { ...entry, status, quoteCount, deletable: status === "UPCOMING" && quoteCount === 0 };
  });
}

/** The start of the latest rule set: a new one must start after it. */
export async function latestCustomsRuleSetStart(): Promise<Date | null> {
  const sets = await loadCustomsRuleSets();
  const last = sets.at(-1);
  return last ? new Date(last.effectiveFrom) : null;
}

type Refusal = { ok: false; field: string; error: string };

/** A readable, stable id: customs-2025-07-01 (with the China time when it is not midnight). */
function ruleSetId(effectiveFrom: Date) {
  const china = chinaIsoInstant(effectiveFrom);
  const day = china.slice(0, 10);
  const time = china.slice(11, 16);
  return time === "00:00" ? `customs-${day}` : `customs-${day}-${time.replace(":", "")}`;
}

export async function addCustomsRuleSet(
  actor: SessionUser,
  form: CustomsRuleSetForm,
  now: Date,
): Promise<{ ok: true; id: string } | Refusal> {
  const { intent: _intent, effectiveFrom, postalParcelLimitByOrigin, ...rest } = form;
  const id = ruleSetId(effectiveFrom);
  // Two admins adding sets at once both pass the check below on PostgreSQL; either order of the two
  // is a valid history (each later than every set before it), except the same start twice: that is
  // the same id, and the unique key refuses the second (a 409 with the reason, not a 500).
  const outcome = await db
    .$transaction(async (tx): Promise<{ ok: true; id: string } | Refusal> => {
      // Checked again where the write happens: another admin may have added a later set meanwhile.
      const later = await tx.customsRuleSet.findFirst({ where: { effectiveFrom: { gte: effectiveFrom } }, select: { id: true } });
      if (later) return { ok: false, field: "effectiveFrom", error: "admin:customs.errors.notLater" };
      if (effectiveFrom.getTime() <= now.getTime()) return { ok: false, field: "effectiveFrom", error: "admin:customs.errors.notFuture" };
      const data = {
        id,
        effectiveFrom,
        postalParcelLimitByOrigin: JSON.stringify(postalParcelLimitByOrigin),
        ...rest,
        createdById: actor.id,
      };
      await tx.customsRuleSet.create({ data, select: { id: true } });
      const after = { effectiveFrom: chinaIsoInstant(effectiveFrom), ...rest, postalParcelLimitByOrigin };
      await tx.auditLog.create({
        data: { actorId: actor.id, entity: "CustomsRuleSet", entityId: id, action: "create", before: null, after: JSON.stringify(after) },
      });
      return { ok: true, id };
    })
    .catch((error: unknown): Refusal => {
      if (isUniqueViolation(error)) return { ok: false, field: "effectiveFrom", error: "admin:customs.errors.notLater" };
      throw error;
    });
  if (outcome.ok) invalidatePricingCache();
  return outcome;
}

export async function deleteCustomsRuleSet(
  actor: SessionUser,
  id: string,
  now: Date,
): Promise<{ ok: true } | Refusal | { ok: false; notFound: true }> {
  const outcome = await db.$transaction(async (tx) => {
    const row = await tx.customsRuleSet.findUnique({
      where: { id },
      select: {
        id: true,
        effectiveFrom: true,
        source: true,
        sourceZh: true,
        postalParcelLimit: true,
        postalParcelLimitByOrigin: true,
        postalTaxWaiver: true,
        cbecSingleLimit: true,
        cbecAnnualLimit: true,
        cbecTaxShare: true,
      },
    });
    if (!row) return { ok: false as const, notFound: true as const };
    if (row.effectiveFrom.getTime() <= now.getTime())
      return { ok: false as const, field: "id", error: "admin:customs.errors.deleteStarted" };
    // Only a caller-given future `now` can price on an upcoming set. Count and delete are one transaction;
    // a quote priced on the cached set while it goes still carries the whole set in its context.
    if ((await tx.quote.count({ where: { customsRuleSetId: id } })) > 0)
      return { ok: false as const, field: "id", error: "admin:customs.errors.deleteUsed" };
    await tx.customsRuleSet.delete({ where: { id } });
    const { customs, sourceZh } = toCustomsEntry(row);
    await tx.auditLog.create({
      data: {
        actorId: actor.id,
        entity: "CustomsRuleSet",
        entityId: id,
        action: "delete",
        before: JSON.stringify({ ...customs, sourceZh }),
        after: null,
      },
    });
    return { ok: true as const };
  });
  if (outcome.ok) invalidatePricingCache();
  return outcome;
}
