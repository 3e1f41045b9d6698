import { toFen } from "~/domain/landed-cost/money";
import { restockDue } from "~/domain/revisits/rules";
import { db } from "~/utils/db.server";
import { notify } from "./notifications.server";
import { quoteListingById } from "./quote.server";

/**
 * Tells everyone watching a listing that it is back in stock (RESTOCK, "到货提醒"), once per restock:
 * a watcher is told again only after the listing went out of stock (its newest unavailable price
 * snapshot) since they were last told. Claimed like the price-drop alert, by a conditional update of
 * the watch in the notification's transaction: two runs at once tell a watcher once.
 */
export async function alertRestock(listingId: string, now = new Date()) {
  const [listing, wentOut, watches] = await Promise.all([
    db.listing.findUnique({
      where: { id: listingId },
      select: { titleZh: true, status: true, available: true, images: { select: { url: true }, orderBy: { position: "asc" }, take: 1 } },
    }),
    db.priceSnapshot.findFirst({
      where: { listingId, available: false },
      select: { recordedAt: true },
      orderBy: { recordedAt: "desc" },
    }),
    db.listingWatch.findMany({
      where: { listingId },
      select: { userId: true, restockAlertedAt: true, user: { select: { email: true } } },
    }),
  ]);
  if (!listing || listing.status !== "PUBLISHED" || !listing.available) return 0;
  const wentOutAt = wentOut?.recordedAt ?? null;
  const landed = await quoteListingById(listingId);
  const total = landed?.outcome.ok ? landed.outcome.quote.total : null;
  const totalFen = total === null ? null : toFen(total);
  let sent = 0;
  for (const watch of watches) {
    if (!restockDue(watch.restockAlertedAt, wentOutAt)) continue;
    const told = await db.$transaction(async (tx) => {
      const claimed = await tx.listingWatch.updateMany({
        where: { userId: watch.userId, listingId, restockAlertedAt: watch.restockAlertedAt },
        // The alert names today's price: it is the price last told, so a price-drop alert about the
        // same moment finds nothing new to say.
        data: { restockAlertedAt: now, ...(totalFen === null ? {} : { lastNotifiedTotalFen: totalFen }) },
      });
      if (claimed.count === 0) return false;
      await notify(
        tx,
        { userId: watch.userId, email: watch.user.email },
        "RESTOCK",
        { listingId, title: listing.titleZh, image: listing.images[0]?.url ?? null, total },
        `/listings/${listingId}`,
      );
      return true;
    });
    if (told) sent += 1;
  }
  return sent;
}
