import type { SessionUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import type { TrustSettingsInput } from "~/domain/trust/settings";

// The trust rules admins set (one row, "default"): agents' on-time targets, the complaint answer SLA,
// how long a review stays editable, and the smallest sample a score is shown for.

export type TrustSettings = TrustSettingsInput;

const SELECT = {
  procurementTargetHours: true,
  dispatchTargetHours: true,
  complaintAnswerHours: true,
  reviewEditDays: true,
  minimumSample: true,
} as const;

export async function getTrustSettings(): Promise<TrustSettings> {
  // Read first: pages that show a score call this on every view, and a write (even an empty upsert) would
  // take SQLite's one write lock each time. The row is created with its defaults only the first time.
  const row = await db.trustSettings.findUnique({ where: { id: "default" }, select: SELECT });
  return row ?? db.trustSettings.upsert({ where: { id: "default" }, create: { id: "default" }, update: {}, select: SELECT });
}

export async function updateTrustSettings(admin: Pick<SessionUser, "id">, input: TrustSettingsInput) {
  const before = await getTrustSettings();
  await db.$transaction([
    db.trustSettings.upsert({ where: { id: "default" }, create: { id: "default", ...input }, update: input }),
    db.auditLog.create({
      data: {
        actorId: admin.id,
        entity: "TrustSettings",
        entityId: "default",
        action: "update",
        before: JSON.stringify(before),
        after: JSON.stringify(input),
      },
    }),
  ]);
}
