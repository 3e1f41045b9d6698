import { db } from "~/utils/db.server";
import { fileStorage } from "./storage/storage.server";

// A photo is stored when its form is read, before the move that names it is written; a process that
// dies between the two (or a refused move whose discard failed) leaves a stored photo nothing names.
// Nothing deletes orders, returns or reviews, so those are the only orphans. This sweep removes them, through
// the storage driver, once they are older than any request could still be running.

export const ORPHAN_PHOTO_GRACE_MS = 24 * 3600_000;
const BATCH = 200;

/** Which of `names` a row still names (order, return and complaint event attachments, inspection photos, price-check and receipt evidence, review photos). */
async function referenced(names: string[]) {
  const texts = await Promise.all([
    db.orderEvent
      .findMany({ where: { OR: names.map((name) => ({ attachments: { contains: name } })) }, select: { attachments: true } })
      .then((rows) => rows.map((row) => row.attachments)),
    db.returnEvent
      .findMany({ where: { OR: names.map((name) => ({ attachments: { contains: name } })) }, select: { attachments: true } })
      .then((rows) => rows.map((row) => row.attachments)),
    db.complaintEvent
      .findMany({ where: { OR: names.map((name) => ({ attachments: { contains: name } })) }, select: { attachments: true } })
      .then((rows) => rows.map((row) => row.attachments)),
    db.returnItem
      .findMany({ where: { OR: names.map((name) => ({ conditionPhotos: { contains: name } })) }, select: { conditionPhotos: true } })
      .then((rows) => rows.map((row) => row.conditionPhotos)),
    db.review
      .findMany({ where: { OR: names.map((name) => ({ photos: { contains: name } })) }, select: { photos: true } })
      .then((rows) => rows.map((row) => row.photos)),
    db.order
      .findMany({
        where: { OR: names.flatMap((name) => [{ priceCheck: { contains: name } }, { purchaseEvidence: { contains: name } }]) },
        select: { priceCheck: true, purchaseEvidence: true },
      })
      .then((rows) => rows.flatMap((row) => [row.priceCheck ?? "", row.purchaseEvidence ?? ""])),
  ]);
  const all = texts.flat();
  return new Set(names.filter((name) => all.some((text) => text.includes(name))));
}

export type OrphanSweepOptions = {
  now?: Date;
  graceMs?: number;
  batchSize?: number;
  signal?: AbortSignal;
  onBatch?: (deleted: number) => Promise<void> | void;
};

/** Deletes stored photos older than the grace period that no order or return names; how many it deleted. */
export async function pruneOrphanPhotos(options: OrphanSweepOptions = {}) {
  const before = new Date((options.now ?? new Date()).getTime() - (options.graceMs ?? ORPHAN_PHOTO_GRACE_MS));
  const take = options.batchSize ?? BATCH;
  const storage = fileStorage();
  let after: string | undefined;
  let total = 0;
  for (;;) {
    options.signal?.throwIfAborted();
    const names = await storage.listBefore(before, { take, after });
    if (names.length === 0) return total;
    const kept = await referenced(names);
    const orphans = names.filter((name) => !kept.has(name));
    if (orphans.length > 0) await storage.delete(orphans);
    total += orphans.length;
    await options.onBatch?.(orphans.length);
    if (names.length < take) return total;
    after = names.at(-1);
  }
}
