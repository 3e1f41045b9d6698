import type { RevisitSettingsInput } from "~/domain/revisits/settings";
import type { SessionUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";

// What admins set at /admin/reminders: the check-in delay (one row, "default") and the re-order
// cadence of each consumable category (a CategoryCadence row; none: not a consumable).

export async function getCheckInDays(): Promise<number> {
  // Read first (as getTrustSettings): the row is written with its defaults only the first time.
  const select = { checkInDays: true } as const;
  const row =
    (await db.revisitSettings.findUnique({ where: { id: "default" }, select })) ??
    (await db.revisitSettings.upsert({ where: { id: "default" }, create: { id: "default" }, update: {}, select }));
  return row.checkInDays;
}

/** The cadences as a map from category slug to days. */
export async function getCadences(): Promise<Map<string, number>> {
  const rows = await db.categoryCadence.findMany({ select: { categorySlug: true, days: true } });
  return new Map(rows.map((row) => [row.categorySlug, row.days]));
}

/** The settings page: the check-in delay and every category with its cadence (null: not a consumable). */
export async function getRevisitSettings() {
  const [checkInDays, cadences, categories] = await Promise.all([
    getCheckInDays(),
    getCadences(),
    db.category.findMany({ select: { slug: true, nameZh: true, nameEn: true }, orderBy: [{ sortOrder: "asc" }, { slug: "asc" }] }),
  ]);
  return { checkInDays, categories: categories.map((category) => ({ ...category, days: cadences.get(category.slug) ?? null })) };
}

export type SaveOutcome = { ok: true } | { ok: false; reason: "unknownCategory" };

/**
 * Saves the settings and their audit row in one transaction. Only categories that exist are accepted
 * (a stale form naming a deleted one is refused whole, nothing written); a category left blank stops
 * being a consumable.
 */
export async function updateRevisitSettings(admin: Pick<SessionUser, "id">, input: RevisitSettingsInput): Promise<SaveOutcome> {
  const slugs = input.cadences.map((row) => row.slug);
  const known = await db.category.count({ where: { slug: { in: slugs } } });
  if (known !== slugs.length) return { ok: false, reason: "unknownCategory" };
  const before = { checkInDays: await getCheckInDays(), cadences: Object.fromEntries(await getCadences()) };
  const set = input.cadences.filter((row): row is { slug: string; days: number } => row.days !== undefined);
  const cleared = input.cadences.filter((row) => row.days === undefined).map((row) => row.slug);
  const after = { checkInDays: input.checkInDays, cadences: { ...before.cadences } as Record<string, number> };
  for (const slug of cleared) delete after.cadences[slug];
  for (const row of set) after.cadences[row.slug] = row.days;
  await db.$transaction(async (tx) => {
    await tx.revisitSettings.upsert({
      where: { id: "default" },
      create: { id: "default", checkInDays: input.checkInDays },
      update: { checkInDays: input.checkInDays },
    });
    if (cleared.length) await tx.categoryCadence.deleteMany({ where: { categorySlug: { in: cleared } } });
    for (const row of set)
      await tx.categoryCadence.upsert({
        where: { categorySlug: row.slug },
        create: { categorySlug: row.slug, days: row.days },
        update: { days: row.days },
      });
    await tx.auditLog.create({
      data: {
        actorId: admin.id,
        entity: "RevisitSettings",
        entityId: "default",
        action: "update",
        before: JSON.stringify(before),
        after: JSON.stringify(after),
      },
    });
  });
  return { ok: true };
}
