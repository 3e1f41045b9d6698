import type { z } from "zod";
import type { feeScheduleSchema, shippingLineSchema, taxCategorySchema } from "~/domain/pricing/schemas";
import type { SessionUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { requestLandedRecompute } from "./landed-prices-job.server";
import { invalidatePricingCache } from "./pricing-context.server";

type Audit = { actorId: string; entity: string; entityId: string; action: string; before: unknown; after: unknown };

export function auditData({ before, after, ...rest }: Audit) {
  return { ...rest, before: before === null ? null : JSON.stringify(before), after: JSON.stringify(after) };
}

async function afterWrite<T>(write: Promise<T>): Promise<T> {
  const result = await write;
  invalidatePricingCache();
  // Every listing's landed price follows, in the background: the admin is not held for seconds.
  requestLandedRecompute();
  return result;
}

/** Only what changed goes into the audit entry, old and new side by side. */
export function changedFields<T extends Record<string, unknown>>(before: T | null, after: T) {
  if (!before) return { changed: true, diff: { before: null, after } };
  const keys = Object.keys(after).filter((key) => String(before[key]) !== String(after[key]));
  return {
    changed: keys.length > 0,
    diff: {
      before: Object.fromEntries(keys.map((key) => [key, before[key]])),
      after: Object.fromEntries(keys.map((key) => [key, after[key]])),
    },
  };
}

export async function updateFeeSchedule(actor: SessionUser, input: z.infer<typeof feeScheduleSchema>) {
  const { intent: _intent, ...data } = input;
  return afterWrite(
    db.$transaction(async (tx) => {
      const before = await tx.feeSchedule.findUnique({
        where: { id: "default" },
        select: {
          fxSpread: true,
          serviceFeeRate: true,
          serviceFeeMinimum: true,
          insuranceRate: true,
          ratesMaxAgeHours: true,
          quoteValidityMinutes: true,
        },
      });
      const { changed, diff } = changedFields(before, data);
      if (!changed) return;
      await tx.feeSchedule.upsert({ where: { id: "default" }, create: { id: "default", ...data }, update: data });
      await tx.auditLog.create({
        data: auditData({ actorId: actor.id, entity: "FeeSchedule", entityId: "default", action: "update", ...diff }),
      });
    }),
  );
}

export async function saveShippingLine(actor: SessionUser, input: z.infer<typeof shippingLineSchema>) {
  const { intent: _intent, ...fields } = input;
  const data = { ...fields, volumetricDivisor: fields.volumetricDivisor ?? null };
  return afterWrite(
    db.$transaction(async (tx) => {
      const { code, ...rest } = data;
      const before = await tx.shippingLine.findUnique({
        where: { code },
        select: {
          nameZh: true,
          nameEn: true,
          originCountry: true,
          customsRegime: true,
          firstWeightGrams: true,
          firstWeightPrice: true,
          additionalWeightGrams: true,
          additionalWeightPrice: true,
          volumetricDivisor: true,
          handlingFee: true,
          removeBoxesFee: true,
          extraProtectionFee: true,
          freeStorageDays: true,
          etaDaysMin: true,
          etaDaysMax: true,
          active: true,
        },
      });
      const { changed, diff } = changedFields(before, rest);
      if (!changed) return;
      await tx.shippingLine.upsert({ where: { code }, create: data, update: rest });
      await tx.auditLog.create({
        data: auditData({ actorId: actor.id, entity: "ShippingLine", entityId: code, action: before ? "update" : "create", ...diff }),
      });
    }),
  );
}

export async function updateTaxCategory(actor: SessionUser, input: z.infer<typeof taxCategorySchema>) {
  const { intent: _intent, code, ...rates } = input;
  return afterWrite(
    db.$transaction(async (tx) => {
      const before = await tx.taxCategory.findUnique({
        where: { code },
        select: { postalRate: true, cbecVat: true, cbecConsumption: true, mfnTariff: true },
      });
      if (!before) return { ok: false as const };
      const { changed, diff } = changedFields(before, rates);
      if (changed) {
        await tx.taxCategory.update({ where: { code }, data: rates });
        await tx.auditLog.create({
          data: auditData({ actorId: actor.id, entity: "TaxCategory", entityId: code, action: "update", ...diff }),
        });
      }
      return { ok: true as const };
    }),
  );
}

export async function listAuditLog(take = 200) {
  return db.auditLog.findMany({
    select: {
      id: true,
      entity: true,
      entityId: true,
      action: true,
      before: true,
      after: true,
      createdAt: true,
      actor: { select: { name: true, email: true } },
    },
    orderBy: { createdAt: "desc" },
    take,
  });
}
