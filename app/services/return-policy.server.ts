import { fromJsonColumn, storedNamesSchema } from "~/domain/stored";
import { returnPolicyConfigSchema, type ReturnPolicyConfig } from "~/domain/returns";
import type { SessionUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";

// The return policy admins edit (windows, restocking rate, excluded categories) and how shoppers
// reach the platform. One row, seeded by the migration with the defaults of docs/returns.md. Return addresses
// are per origin country: return-addresses.server.ts.

export type ReturnPolicy = ReturnPolicyConfig & { platformContact: string };

export async function getReturnPolicy(): Promise<ReturnPolicy> {
  // Read first (as getTrustSettings): the row is written with its defaults only the first time.
  const row =
    (await db.returnSettings.findUnique({ where: { id: "default" } })) ??
    (await db.returnSettings.upsert({ where: { id: "default" }, create: { id: "default" }, update: {} }));
  return {
    shopperFaultDays: row.shopperFaultDays,
    platformFaultDays: row.platformFaultDays,
    restockingRate: row.restockingRate,
    cbecTaxReturnDays: row.cbecTaxReturnDays,
    excludedCategories: fromJsonColumn(storedNamesSchema, "ReturnSettings.excludedCategories", row.excludedCategories),
    platformContact: row.platformContact,
  };
}

export const returnPolicyFormSchema = returnPolicyConfigSchema;

export async function updateReturnPolicy(admin: Pick<SessionUser, "id">, input: ReturnPolicyConfig, platformContact?: string) {
  const before = await getReturnPolicy();
  const contact = platformContact ?? before.platformContact;
  const data = {
    shopperFaultDays: input.shopperFaultDays,
    platformFaultDays: input.platformFaultDays,
    restockingRate: input.restockingRate,
    cbecTaxReturnDays: input.cbecTaxReturnDays,
    excludedCategories: JSON.stringify(input.excludedCategories),
    platformContact: contact,
  };
  await db.$transaction([
    db.returnSettings.upsert({ where: { id: "default" }, create: { id: "default", ...data }, update: data }),
    db.auditLog.create({
      data: {
        actorId: admin.id,
        entity: "ReturnSettings",
        entityId: "default",
        action: "update",
        before: JSON.stringify(before),
        after: JSON.stringify({ ...input, platformContact: contact }),
      },
    }),
  ]);
}
