import { cadenceFor, DELIVERED_STATUSES, dueWindow, isDue, reorderedSince, reorderKey, type LaterOrder } from "~/domain/revisits/rules";
import { db } from "~/utils/db.server";
import { isUniqueViolation, resultOf } from "./check-ins.server";
import { runWithLease, type JobTrigger } from "./jobs.server";
import { notify } from "./notifications.server";
import { quoteListingById } from "./quote.server";
import { getCadences } from "./revisit-settings.server";

// Re-order reminders for consumables: a category's cadence (days, set at /admin/reminders) after an
// item of it was delivered, a shopper who has not ordered it again since hears today's landed price.
// One reminder per delivered item, ever (SentReminder key claimed in the notification's transaction);
// none while the listing is gone, unpublished, out of stock or cannot be quoted today (not claimed,
// so a later day within the window may still remind).

// Delivered items read at once; a run goes through every page of the window.
const PAGE = 500;

export type ReorderCounts = { due: number; sent: number; notOffered: number; skipped: number; failed: number };
export type ReorderOptions = {
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
  /** Delivered items read at once (tests page through a few). */
  pageSize?: number;
};

export async function sendReorderReminders(now = new Date(), options: ReorderOptions = {}) {
  const counts: ReorderCounts = { due: 0, sent: 0, notOffered: 0, skipped: 0, failed: 0 };
  const errors: string[] = [];
  const cadences = await getCadences();
  if (cadences.size === 0) return { counts, errors };
  const shortest = Math.min(...cadences.values());
  const longest = Math.max(...cadences.values());
  const window = { after: dueWindow(now, longest).after, upTo: dueWindow(now, shortest).upTo };

  const page = options.pageSize ?? PAGE;
  let done = 0;
  // Page by id through the window: items already reminded are skipped after reading, so a fixed first
  // page would hold the same items every day and starve the rest.
  for (let cursor: string | undefined; !options.signal?.aborted;) {
    const items = await db.orderItem.findMany({
      where: {
        listingId: { not: null },
        order: { status: { in: [...DELIVERED_STATUSES] }, deliveredAt: { gt: window.after, lte: window.upTo } },
      },
      select: {
        id: true,
        listingId: true,
        imageUrl: true,
        order: { select: { id: true, userId: true, createdAt: true, deliveredAt: true, user: { select: { email: true } } } },
      },
      orderBy: { id: "asc" },
      take: page,
      ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
    });
    cursor = items.at(-1)?.id;
    done = await remindPage(items, cadences, now, counts, errors, done, options);
    if (items.length < page) break;
  }
  return { counts, errors };
}

type PageItem = {
  id: string;
  listingId: string | null;
  imageUrl: string | null;
  order: { id: string; userId: string; createdAt: Date; deliveredAt: Date | null; user: { email: string } };
};

/** One page of delivered items: those due, not reminded and not ordered again get today's price. */
async function remindPage(
  items: PageItem[],
  cadences: Map<string, number>,
  now: Date,
  counts: ReorderCounts,
  errors: string[],
  doneBefore: number,
  options: ReorderOptions,
) {
  let done = doneBefore;
  const listingIds = [...new Set(items.map((item) => item.listingId).filter((id): id is string => id !== null))];
  const listings = new Map(
    (
      await db.listing.findMany({
        where: { id: { in: listingIds } },
        select: {
          id: true,
          categorySlug: true,
          status: true,
          available: true,
          titleZh: true,
          images: { select: { url: true }, orderBy: { position: "asc" }, take: 1 },
        },
      })
    ).map((listing) => [listing.id, listing]),
  );
  const candidates = items.filter((item) => {
    const days = cadenceFor(listings.get(item.listingId ?? "")?.categorySlug, cadences);
    return days !== null && item.order.deliveredAt !== null && isDue(item.order.deliveredAt, now, days);
  });
  const sentBefore = new Set(
    (await db.sentReminder.findMany({ where: { key: { in: candidates.map((item) => reorderKey(item.id)) } }, select: { key: true } })).map(
      (row) => row.key,
    ),
  );
  const unsent = candidates.filter((item) => !sentBefore.has(reorderKey(item.id)));

  // The shoppers' later orders of these listings: an item ordered again needs no reminder.
  const users = [...new Set(unsent.map((item) => item.order.userId))];
  const earliest = unsent.reduce((min, item) => Math.min(min, item.order.createdAt.getTime()), now.getTime());
  const later = await db.order.findMany({
    where: {
      userId: { in: users },
      createdAt: { gt: new Date(earliest) },
      items: { some: { listingId: { in: unsent.map((item) => item.listingId ?? "") } } },
    },
    select: { userId: true, createdAt: true, status: true, paidAt: true, items: { select: { listingId: true } } },
  });
  const laterOf = new Map<string, LaterOrder[]>();
  for (const order of later)
    laterOf.set(order.userId, [...(laterOf.get(order.userId) ?? []), { ...order, listingIds: order.items.map((item) => item.listingId) }]);

  // Several deliveries of one listing to one shopper in the window: the newest speaks for them.
  const due = unsent.filter((item) => !reorderedSince(item.order.createdAt, item.listingId ?? "", laterOf.get(item.order.userId) ?? []));
  counts.due += due.length;
  for (const item of due) {
    if (options.signal?.aborted) break;
    const listing = listings.get(item.listingId ?? "");
    try {
      const landed = listing && listing.status === "PUBLISHED" && listing.available ? await quoteListingById(listing.id) : null;
      if (!listing || !landed?.outcome.ok) counts.notOffered += 1;
      else {
        const total = landed.outcome.quote.total;
        await db.$transaction(async (tx) => {
          await tx.sentReminder.create({ data: { key: reorderKey(item.id), kind: "REORDER_REMINDER", userId: item.order.userId } });
          await notify(
            tx,
            { userId: item.order.userId, email: item.order.user.email },
            "REORDER_REMINDER",
            { listingId: listing.id, title: listing.titleZh, image: listing.images[0]?.url ?? item.imageUrl ?? null, total },
            `/listings/${listing.id}`,
          );
        });
        counts.sent += 1;
      }
    } catch (error) {
      if (isUniqueViolation(error)) counts.skipped += 1;
      else {
        counts.failed += 1;
        errors.push(`${item.id}: ${(error as Error).message}`);
      }
    }
    done += 1;
    options.onProgress?.(done, counts.due);
  }
  return done;
}

export const REORDER_REMINDERS_JOB = "reorder-reminders";
const LEASE_MS = 5 * 60_000;

/** The re-order reminders under their lease: the worker, the CLI and the admin's "run now" all call this. */
export function runReorderReminders(trigger: JobTrigger, holder: string, onProgress?: (done: number, total: number) => void) {
  return runWithLease(
    REORDER_REMINDERS_JOB,
    trigger,
    async ({ signal }) => resultOf(await sendReorderReminders(new Date(), { signal, onProgress })),
    { ttlMs: LEASE_MS, holder },
  );
}
