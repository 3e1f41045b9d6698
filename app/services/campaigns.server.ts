import { fromFen } from "~/domain/landed-cost/money";
import { CAMPAIGN_LISTINGS_MAX, type CampaignInput, type CampaignKind } from "~/domain/notifications/campaign-form";
import { DEFAULT_CAP, capWindowStart } from "~/domain/notifications/frequency-cap";
import { channelsFor, optedIn, type Channels } from "~/domain/notifications/kinds";
import { absoluteImageUrl, escapeHtml } from "~/domain/notifications/product";
import { db, Prisma, type Tx } from "~/utils/db.server";
import { formatMoney } from "~/utils/format";
import { supportedLngs, type Locale } from "~/utils/i18n";
import { siteUrl } from "./account-mail.server";
import { queueJobRun, runWithLease, type JobResult, type JobTrigger } from "./jobs.server";
import { notify, type MailContent } from "./notifications.server";

// Marketing campaigns: an admin composes one (a store's new arrivals or a category's sale), previews
// it in both languages and sends it; the "campaigns" job delivers it to every shopper who opted in to
// MARKETING, once each (a unique delivery row per campaign and shopper), within the weekly cap.

export const CAMPAIGNS_JOB = "campaigns";
const LEASE_MS = 5 * 60_000;
const BATCH = 200;
type Admin = { id: string };

function isUniqueViolation(error: unknown) {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

// ---- settings: the weekly cap ----

export async function getMarketingSettings() {
  const row = await db.marketingSettings.findUnique({ where: { id: "default" }, select: { weeklyCap: true } });
  return { weeklyCap: row?.weeklyCap ?? DEFAULT_CAP };
}

export async function setWeeklyCap(admin: Admin, weeklyCap: number) {
  // The row exists before the transaction: two first saves at once must not end in a unique violation inside it.
  try {
    await db.marketingSettings.create({ data: { id: "default" }, select: { id: true } });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
  }
  await db.$transaction(async (tx) => {
    const before = await tx.marketingSettings.findUnique({ where: { id: "default" }, select: { weeklyCap: true } });
    await tx.marketingSettings.update({ where: { id: "default" }, data: { weeklyCap, updatedById: admin.id }, select: { id: true } });
    await tx.auditLog.create({
      data: {
        actorId: admin.id,
        entity: "MarketingSettings",
        entityId: "default",
        action: "update",
        before: JSON.stringify({ weeklyCap: before?.weeklyCap ?? DEFAULT_CAP }),
        after: JSON.stringify({ weeklyCap }),
      },
    });
  });
}

// ---- composing ----

export async function campaignTargets() {
  const [stores, categories] = await Promise.all([
    db.store.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" }, take: 500 }),
    db.category.findMany({
      select: { slug: true, nameZh: true, nameEn: true },
      orderBy: [{ sortOrder: "asc" }, { slug: "asc" }],
      take: 500,
    }),
  ]);
  return { stores, categories };
}

export type CreateResult = { ok: true; id: string } | { ok: false; field: "storeId" | "categorySlug"; message: string };

export async function createCampaign(admin: Admin, input: CampaignInput): Promise<CreateResult> {
  if (input.storeId && !(await db.store.findUnique({ where: { id: input.storeId }, select: { id: true } })))
    return { ok: false, field: "storeId", message: "promo:errors.storeUnknown" };
  if (input.categorySlug && !(await db.category.findUnique({ where: { slug: input.categorySlug }, select: { slug: true } })))
    return { ok: false, field: "categorySlug", message: "promo:errors.categoryUnknown" };
  const id = await db.$transaction(async (tx) => {
    const created = await tx.campaign.create({ data: { ...input, createdById: admin.id }, select: { id: true } });
    await tx.auditLog.create({
      data: { actorId: admin.id, entity: "Campaign", entityId: created.id, action: "create", after: JSON.stringify(input) },
    });
    return created.id;
  });
  return { ok: true, id };
}

const campaignSelect = {
  id: true,
  kind: true,
  storeId: true,
  categorySlug: true,
  subjectZh: true,
  subjectEn: true,
  introZh: true,
  introEn: true,
  status: true,
  queuedAt: true,
  sentAt: true,
  createdAt: true,
} as const;
type CampaignRow = Prisma.CampaignGetPayload<{ select: typeof campaignSelect }>;

export type CampaignListing = { id: string; titleZh: string; title: string; image: string | null; landedFen: number | null };

/** The listings a campaign shows: the store's newest published ones, or the category's (featured first). */
export async function campaignListings(campaign: { kind: string; storeId: string | null; categorySlug: string | null }) {
  const where: Prisma.ListingWhereInput =
    campaign.kind === "NEW_ARRIVALS" ? { storeId: campaign.storeId ?? "" } : { categorySlug: campaign.categorySlug ?? "" };
  const rows = await db.listing.findMany({
    where: { ...where, status: "PUBLISHED", available: true },
    select: {
      id: true,
      titleZh: true,
      title: true,
      landedFen: true,
      images: { select: { url: true }, orderBy: { position: "asc" }, take: 1 },
    },
    orderBy:
      campaign.kind === "NEW_ARRIVALS"
        ? [{ createdAt: "desc" }, { id: "desc" }]
        : [{ featured: "desc" }, { createdAt: "desc" }, { id: "desc" }],
    take: CAMPAIGN_LISTINGS_MAX,
  });
  return rows.map(({ images, ...row }): CampaignListing => ({ ...row, image: images[0]?.url ?? null }));
}

async function campaignLink(campaign: { kind: string; storeId: string | null; categorySlug: string | null }) {
  if (campaign.kind === "CATEGORY_SALE") return `/c/${encodeURIComponent(campaign.categorySlug ?? "")}`;
  const store = await db.store.findUnique({ where: { id: campaign.storeId ?? "" }, select: { slug: true } });
  return store ? `/stores/${encodeURIComponent(store.slug)}` : "/";
}

export type RenderedCampaign = {
  locale: Locale;
  subject: string;
  intro: string;
  items: { id: string; title: string; image: string | null; price: string | null; link: string }[];
};

/** The campaign as a shopper reading `locale` sees it: the preview and the mail are both this. */
export function renderCampaign(campaign: CampaignRow, listings: CampaignListing[], locale: Locale): RenderedCampaign {
  const zh = locale === "zh-CN";
  return {
    locale,
    subject: zh ? campaign.subjectZh : campaign.subjectEn,
    intro: zh ? campaign.introZh : campaign.introEn,
    items: listings.map((listing) => ({
      id: listing.id,
      title: zh ? listing.titleZh : listing.title,
      image: listing.image,
      price: listing.landedFen === null ? null : formatMoney(fromFen(listing.landedFen), "CNY", locale),
      link: `/listings/${listing.id}`,
    })),
  };
}

function thumbnail(image: string | null) {
  const url = image ? absoluteImageUrl(image, siteUrl("")) : null;
  return url ? `<img src="${escapeHtml(url)}" alt="" width="96" height="96"> ` : "";
}

/** The campaign's mail: the same content as the preview, as text and as HTML with thumbnails. */
export function campaignMail(rendered: RenderedCampaign): MailContent {
  const lines = rendered.items.map((item) => `- ${item.title}${item.price ? ` · ${item.price}` : ""}\n  ${siteUrl(item.link)}`);
  const cells = rendered.items.map(
    (item) =>
      `<li>${thumbnail(item.image)}` +
      `<a href="${escapeHtml(siteUrl(item.link))}">${escapeHtml(item.title)}</a>${item.price ? ` · ${escapeHtml(item.price)}` : ""}</li>`,
  );
  return {
    subject: rendered.subject,
    body: `${rendered.intro}\n\n${lines.join("\n")}`,
    html: `<h1>${escapeHtml(rendered.subject)}</h1><p>${escapeHtml(rendered.intro)}</p><ul>${cells.join("")}</ul>`,
  };
}

export async function findCampaign(id: string) {
  return db.campaign.findUnique({ where: { id }, select: campaignSelect });
}

/** The admin's preview: the campaign in both languages, exactly as it would be sent now. */
export async function previewCampaign(id: string) {
  const campaign = await findCampaign(id);
  if (!campaign) return null;
  const listings = await campaignListings(campaign);
  return { campaign, previews: supportedLngs.map((locale) => renderCampaign(campaign, listings, locale)) };
}

export type QueueResult = { ok: true; alreadyQueued: boolean } | { ok: false; reason: "notFound" | "noListings" | "alreadySent" };

/** "Send": the campaign is queued (once: a second click finds it queued) and the job is asked to run. */
export async function queueCampaign(admin: Admin, id: string, now = new Date()): Promise<QueueResult> {
  const campaign = await findCampaign(id);
  if (!campaign) return { ok: false, reason: "notFound" };
  if (campaign.status !== "DRAFT")
    return campaign.status === "SENT" ? { ok: false, reason: "alreadySent" } : { ok: true, alreadyQueued: true };
  if ((await campaignListings(campaign)).length === 0) return { ok: false, reason: "noListings" };
  const moved = await db.$transaction(async (tx) => {
    const changed = await tx.campaign.updateMany({ where: { id, status: "DRAFT" }, data: { status: "QUEUED", queuedAt: now } });
    if (changed.count === 0) return false;
    await tx.auditLog.create({
      data: {
        actorId: admin.id,
        entity: "Campaign",
        entityId: id,
        action: "send",
        before: '{"status":"DRAFT"}',
        after: '{"status":"QUEUED"}',
      },
    });
    return true;
  });
  if (moved) await queueJobRun(CAMPAIGNS_JOB);
  return { ok: true, alreadyQueued: !moved };
}

// ---- sending ----

/** The shopper's cap slots 0..cap-1 exist (unused) before a send claims one; outside any transaction. */
async function ensureSlots(userId: string, cap: number) {
  const have = await db.marketingSlot.findMany({ where: { userId, slot: { lt: cap } }, select: { slot: true } });
  for (let slot = 0; slot < cap; slot += 1) {
    if (have.some((row) => row.slot === slot)) continue;
    try {
      await db.marketingSlot.create({ data: { userId, slot, usedAt: new Date(0) }, select: { slot: true } });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error; // another send created it first: fine
    }
  }
}

/**
 * Takes one of the shopper's free cap slots with a conditional update: of two sends racing for the
 * last slot, the database lets exactly one update it (PostgreSQL re-checks the row after the other's
 * commit; SQLite writes one at a time). No slot: the cap is reached.
 */
async function claimSlot(tx: Tx, userId: string, cap: number, campaignId: string, now: Date) {
  for (let slot = 0; slot < cap; slot += 1) {
    const taken = await tx.marketingSlot.updateMany({
      where: { userId, slot, usedAt: { lte: capWindowStart(now) } },
      data: { usedAt: now, campaignId },
    });
    if (taken.count === 1) return true;
  }
  return false;
}

export type SendCounts = { sent: number; skippedCap: number; notOptedIn: number; already: number; failed: number };
type Shopper = { id: string; email: string; channels: Channels };
type Prepared = { campaign: CampaignRow; listings: CampaignListing[]; link: string; cap: number };

async function deliver(prepared: Prepared, shopper: Shopper, now: Date): Promise<keyof SendCounts> {
  const { campaign, listings, link, cap } = prepared;
  if (!optedIn(shopper.channels)) {
    try {
      await db.campaignDelivery.create({
        data: { campaignId: campaign.id, userId: shopper.id, status: "NOT_OPTED_IN" },
        select: { id: true },
      });
      return "notOptedIn";
    } catch (error) {
      if (isUniqueViolation(error)) return "already";
      throw error;
    }
  }
  await ensureSlots(shopper.id, cap);
  try {
    return await db.$transaction(async (tx) => {
      // The delivery row first: a second run (or worker) for this shopper fails here and sends nothing.
      const delivery = await tx.campaignDelivery.create({
        data: { campaignId: campaign.id, userId: shopper.id, status: "SENT", ...shopper.channels },
        select: { id: true },
      });
      if (!(await claimSlot(tx, shopper.id, cap, campaign.id, now))) {
        await tx.campaignDelivery.update({ where: { id: delivery.id }, data: { status: "SKIPPED_CAP", inSite: false, email: false } });
        return "skippedCap" as const;
      }
      const first = listings[0];
      await notify(
        tx,
        { userId: shopper.id, email: shopper.email },
        "CAMPAIGN",
        {
          campaignId: campaign.id,
          subjectZh: campaign.subjectZh,
          subjectEn: campaign.subjectEn,
          title: first?.titleZh ?? null,
          image: first?.image ?? null,
        },
        link,
        { mail: async (locale) => campaignMail(renderCampaign(campaign, listings, locale)) },
      );
      return "sent" as const;
    });
  } catch (error) {
    if (isUniqueViolation(error)) return "already";
    throw error;
  }
}

/**
 * Delivers one campaign to every shopper without a delivery row yet. Safe to run twice or on two
 * workers at once: the delivery row is the once-per-shopper key and the cap slots are claimed atomically.
 */
export async function sendCampaign(
  campaignId: string,
  options: { now?: Date; signal?: AbortSignal; onProgress?: (message: string) => void } = {},
) {
  const now = options.now ?? new Date();
  const counts: SendCounts = { sent: 0, skippedCap: 0, notOptedIn: 0, already: 0, failed: 0 };
  const errors: string[] = [];
  await db.campaign.updateMany({ where: { id: campaignId, status: "QUEUED" }, data: { status: "SENDING" } });
  const campaign = await db.campaign.findUnique({ where: { id: campaignId }, select: campaignSelect });
  if (!campaign || campaign.status !== "SENDING") return { counts, errors };
  const prepared: Prepared = {
    campaign,
    listings: await campaignListings(campaign),
    link: await campaignLink(campaign),
    cap: (await getMarketingSettings()).weeklyCap,
  };
  let after = "";
  for (;;) {
    if (options.signal?.aborted) break;
    const batch = await db.user.findMany({
      where: { role: "SHOPPER", id: { gt: after }, campaignDeliveries: { none: { campaignId } } },
      select: {
        id: true,
        email: true,
        notificationPreferences: { where: { category: "MARKETING" }, select: { inSite: true, email: true } },
      },
      orderBy: { id: "asc" },
      take: BATCH,
    });
    if (batch.length === 0) break;
    for (const user of batch) {
      if (options.signal?.aborted) break;
      const shopper = { id: user.id, email: user.email, channels: channelsFor("CAMPAIGN", user.notificationPreferences[0]) };
      try {
        counts[await deliver(prepared, shopper, now)] += 1;
      } catch (error) {
        counts.failed += 1;
        errors.push(`${user.id}: ${(error as Error).message}`);
      }
    }
    after = batch[batch.length - 1]?.id ?? after;
    options.onProgress?.(`${campaign.id}: ${counts.sent} sent, ${counts.skippedCap} capped, ${counts.notOptedIn} not opted in`);
  }
  // A failed shopper leaves the campaign SENDING: the next run retries them (and only them).
  if (!options.signal?.aborted && counts.failed === 0)
    await db.campaign.updateMany({ where: { id: campaignId, status: "SENDING" }, data: { status: "SENT", sentAt: new Date() } });
  return { counts, errors };
}

export type CampaignsJobValue = { counts: Omit<SendCounts, "already"> & { campaigns: number }; errors: string[] };

/** Every queued (or interrupted) campaign, oldest first. */
export async function sendQueuedCampaigns(
  options: { signal?: AbortSignal; onProgress?: (message: string) => void } = {},
): Promise<CampaignsJobValue> {
  const due = await db.campaign.findMany({
    where: { status: { in: ["QUEUED", "SENDING"] } },
    select: { id: true },
    orderBy: [{ queuedAt: "asc" }, { id: "asc" }],
    take: 20,
  });
  const total = { campaigns: due.length, sent: 0, skippedCap: 0, notOptedIn: 0, failed: 0 };
  const errors: string[] = [];
  for (const { id } of due) {
    if (options.signal?.aborted) break;
    const result = await sendCampaign(id, options);
    total.sent += result.counts.sent;
    total.skippedCap += result.counts.skippedCap;
    total.notOptedIn += result.counts.notOptedIn;
    total.failed += result.counts.failed;
    errors.push(...result.errors);
  }
  return { counts: total, errors };
}

/** The campaigns job under its lease: the worker, the CLI and the admin's "send" (queued run) all call this. */
export function runCampaigns(trigger: JobTrigger, holder: string, onProgress?: (message: string) => void) {
  return runWithLease(
    CAMPAIGNS_JOB,
    trigger,
    async ({ signal }): Promise<JobResult<CampaignsJobValue>> => {
      const value = await sendQueuedCampaigns({ signal, onProgress });
      const { failed, sent, skippedCap, notOptedIn } = value.counts;
      const outcome = failed === 0 ? "OK" : failed < sent + skippedCap + notOptedIn + failed ? "PARTIAL" : "FAILED";
      return { outcome, counts: value.counts, error: value.errors.length ? value.errors.slice(0, 20).join("; ") : null, value };
    },
    { ttlMs: LEASE_MS, holder },
  );
}

// ---- what was sent ----

type Tally = { sent: number; skippedCap: number; notOptedIn: number };
const STATUS_TO_TALLY: Record<string, keyof Tally> = { SENT: "sent", SKIPPED_CAP: "skippedCap", NOT_OPTED_IN: "notOptedIn" };

export async function listCampaigns() {
  const campaigns = await db.campaign.findMany({ select: campaignSelect, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: 50 });
  const groups = campaigns.length
    ? await db.campaignDelivery.groupBy({
        by: ["campaignId", "status"],
        where: { campaignId: { in: campaigns.map((row) => row.id) } },
        _count: { _all: true },
      })
    : [];
  return campaigns.map((campaign) => {
    const tally: Tally = { sent: 0, skippedCap: 0, notOptedIn: 0 };
    for (const group of groups) {
      const key = STATUS_TO_TALLY[group.status];
      if (group.campaignId === campaign.id && key) tally[key] += group._count._all;
    }
    return { ...campaign, tally };
  });
}

export async function campaignRecipients(campaignId: string, take = 200) {
  return db.campaignDelivery.findMany({
    where: { campaignId },
    select: { id: true, status: true, inSite: true, email: true, createdAt: true, user: { select: { email: true, name: true } } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take,
  });
}

export type { CampaignKind };
