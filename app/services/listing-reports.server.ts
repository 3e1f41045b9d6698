import type { ListingReportInput, ReportDecisionInput } from "~/domain/trust/listing-report";
import type { SessionUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { listingProductParams, notify } from "./notifications.server";

// Reports of wrong information on listings: anyone signed in files one; agents correct the listing (the
// import review form) or reject the report, with a reason either way, from their queue. A decision marks
// the listing as verified now, and tells the reporter.

/** Open reports one person may have at once: enough for any honest shopper, not for a flood. */
export const OPEN_REPORTS_PER_USER = 20;
const PAGE = 50;

export type FileReportResult = { ok: true; id: string } | { ok: false; reason: "notFound" | "duplicate" | "tooMany" };

export async function fileListingReport(
  user: Pick<SessionUser, "id">,
  listingId: string,
  input: ListingReportInput,
): Promise<FileReportResult> {
  const listing = await db.listing.findFirst({ where: { id: listingId, status: "PUBLISHED" }, select: { id: true, storeId: true } });
  if (!listing) return { ok: false, reason: "notFound" };
  return db.$transaction(async (tx) => {
    const [same, open] = await Promise.all([
      tx.listingReport.count({ where: { userId: user.id, listingId, field: input.field, status: "OPEN" } }),
      tx.listingReport.count({ where: { userId: user.id, status: "OPEN" } }),
    ]);
    if (same > 0) return { ok: false as const, reason: "duplicate" as const };
    if (open >= OPEN_REPORTS_PER_USER) return { ok: false as const, reason: "tooMany" as const };
    const report = await tx.listingReport.create({
      data: { listingId, storeId: listing.storeId, userId: user.id, field: input.field, description: input.description },
      select: { id: true },
    });
    return { ok: true as const, id: report.id };
  });
}

/** The reporter's own reports on a listing, newest first: what they see after filing. */
export function listMyReports(userId: string, listingId: string) {
  return db.listingReport.findMany({
    where: { userId, listingId },
    select: { id: true, field: true, description: true, status: true, resolution: true, resolvedAt: true, createdAt: true },
    orderBy: { createdAt: "desc" },
    take: 20,
  });
}

/** The agents' queue: open reports, oldest first, with the listing they are about. */
export async function listOpenReports() {
  const [reports, total] = await Promise.all([
    db.listingReport.findMany({
      where: { status: "OPEN" },
      select: {
        id: true,
        field: true,
        description: true,
        createdAt: true,
        listing: {
          select: { id: true, title: true, titleZh: true, localizationStatus: true, store: { select: { name: true, country: true } } },
        },
      },
      orderBy: { createdAt: "asc" },
      take: PAGE,
    }),
    db.listingReport.count({ where: { status: "OPEN" } }),
  ]);
  return { reports, total };
}

export function countOpenReports() {
  return db.listingReport.count({ where: { status: "OPEN" } });
}

export type DecideReportResult = { ok: true } | { ok: false; reason: "notFound" | "alreadyDecided" };

/** An agent's decision; exactly one decision per report, whoever answers first. */
export async function decideListingReport(
  agent: Pick<SessionUser, "id">,
  input: ReportDecisionInput,
  now = new Date(),
): Promise<DecideReportResult> {
  return db.$transaction(async (tx) => {
    const report = await tx.listingReport.findUnique({
      where: { id: input.reportId },
      select: {
        id: true,
        listingId: true,
        status: true,
        user: { select: { id: true, email: true } },
      },
    });
    if (!report) return { ok: false as const, reason: "notFound" as const };
    const decided = await tx.listingReport.updateMany({
      where: { id: report.id, status: "OPEN" },
      data: { status: input.decision, resolution: input.resolution, resolvedById: agent.id, resolvedAt: now },
    });
    if (decided.count === 0) return { ok: false as const, reason: "alreadyDecided" as const };
    await tx.listing.update({ where: { id: report.listingId }, data: { verifiedAt: now } });
    await tx.auditLog.create({
      data: {
        actorId: agent.id,
        entity: "ListingReport",
        entityId: report.id,
        action: input.decision === "CORRECTED" ? "correct" : "reject",
        after: JSON.stringify({ resolution: input.resolution }),
      },
    });
    await notify(
      tx,
      { userId: report.user.id, email: report.user.email },
      input.decision === "CORRECTED" ? "LISTING_REPORT_CORRECTED" : "LISTING_REPORT_REJECTED",
      { ...(await listingProductParams(tx, report.listingId)), reason: input.resolution },
      `/listings/${report.listingId}/report`,
    );
    return { ok: true as const };
  });
}
