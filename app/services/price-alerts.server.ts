import { toFen } from "~/domain/landed-cost/money";
import { db } from "~/utils/db.server";
import { listingProductParams, notify } from "./notifications.server";
import { quoteListingById } from "./quote.server";

/**
 * Tells everyone watching a listing that its landed price dropped below the price they were last
 * told (or saw when they started watching): an in-app notification and an email in the outbox.
 */
export async function alertPriceDrop(listingId: string) {
  const [landed, listing, watches] = await Promise.all([
    quoteListingById(listingId),
    db.listing.findUnique({ where: { id: listingId }, select: { titleZh: true, status: true } }),
    db.listingWatch.findMany({
      where: { listingId },
      select: { userId: true, lastNotifiedTotalFen: true, user: { select: { email: true } } },
    }),
  ]);
  if (!landed?.outcome.ok || !listing || listing.status !== "PUBLISHED") return 0;
  const total = landed.outcome.quote.total;
  const totalFen = toFen(total);
  let sent = 0;
  for (const watch of watches) {
    if (watch.lastNotifiedTotalFen !== null && totalFen >= watch.lastNotifiedTotalFen) continue;
    const before = watch.lastNotifiedTotalFen === null ? null : (watch.lastNotifiedTotalFen / 100).toFixed(2);
    // Claimed on the price last told, in the notification's transaction: two runs at once (a refresh
    // and a recompute, two workers) tell the watcher once, and a failed notification keeps no claim,
    // so a later run tells them.
    const key = { userId: watch.userId, listingId, lastNotifiedTotalFen: watch.lastNotifiedTotalFen };
    const told = await db.$transaction(async (tx) => {
      const claimed = await tx.listingWatch.updateMany({ where: key, data: { lastNotifiedTotalFen: totalFen } });
      if (claimed.count === 0) return false;
      const recipient = { userId: watch.userId, email: watch.user.email };
      const product = await listingProductParams(tx, listingId);
      await notify(tx, recipient, "PRICE_DROP", { listingId, ...product, total, before }, `/listings/${listingId}`);
      return true;
    });
    if (told) sent += 1;
  }
  return sent;
}
