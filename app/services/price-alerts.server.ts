import { toFen } from "~/domain/landed-cost/money";
import { db } from "~/utils/db.server";
import { formatMoney } from "~/utils/format";
import { notify } from "./notifications.server";
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
    const link = `/listings/${listingId}`;
    const price = formatMoney(total, "CNY", "zh-CN");
    // Claimed first, on the price last told: two runs at once (a refresh and a recompute, two workers)
    // tell the watcher once. A failed notification gives the claim back, so a later run tells them.
    const key = { userId: watch.userId, listingId, lastNotifiedTotalFen: watch.lastNotifiedTotalFen };
    const claimed = await db.listingWatch.updateMany({ where: key, data: { lastNotifiedTotalFen: totalFen } });
    if (claimed.count === 0) continue;
    try {
      await notify(watch.userId, "PRICE_DROP", { listingId, title: listing.titleZh, total, before }, link, {
        to: watch.user.email,
        subject: `降价提醒：${listing.titleZh} 到手价 ${price}`,
        body: `您关注的「${listing.titleZh}」到手价已降至 ${price}${before ? `（之前 ${formatMoney(before, "CNY", "zh-CN")}）` : ""}。\n查看：${link}`,
      });
    } catch (error) {
      await db.listingWatch.updateMany({
        where: { ...key, lastNotifiedTotalFen: totalFen },
        data: { lastNotifiedTotalFen: watch.lastNotifiedTotalFen },
      });
      throw error;
    }
    sent += 1;
  }
  return sent;
}
