import crypto from "node:crypto";
import { z } from "zod";
import {
  BLOCKING_STATUSES,
  checkClaimMove,
  claimableReasons,
  claimReasonSchema,
  claimRefusal,
  claimStatusSchema,
  computePayout,
  damagedDeadline,
  PAYOUT_LINE_CODES,
  photosRequired,
  storedPayout,
  allowedClaimMoves,
  type AffectedItem,
  type ClaimFiling,
  type ClaimRefusal,
  type ClaimStatus,
} from "~/domain/claims";
import { chinaDayStamp } from "~/domain/china-time";
import { fromFen } from "~/domain/landed-cost/money";
import { computeRefund, unitsInReturns, type StoredQuote, type UnitSelection } from "~/domain/returns";
import { storedReturnStatus } from "~/domain/returns/stored";
import type { MoveErrorCode } from "~/domain/state-machine";
import { fromColumn } from "~/domain/stored";
import type { SessionUser } from "~/utils/auth.server";
import { db, type Prisma, type Tx } from "~/utils/db.server";
import { lockRow, transactionWithRetry } from "~/utils/db-locks.server";
import { withEnglishNames } from "./item-names.server";
import {
  notifyWithMail,
  parsedTimeline,
  timelineEventsSelect,
  timelineRow,
  type Recipient,
  type TimelineEntry,
} from "./order-events.server";
import { publishOrderChange } from "./order-feed.server";
import { storedQuote } from "./order-quotes.server";
import { orderProductParams } from "./notifications.server";
import { creditWallet } from "./payments.server";
import { auditData } from "./pricing-admin.server";
import { atVersion, lockAtVersion, moveFailure, requireMoved, runMove, type MoveActor, type MoveFailure } from "./state-moves.server";

// Claims (索赔) for a parcel lost or damaged after it shipped: the published payout table computed
// from the order's stored quote, filing by the order's shopper with evidence, an admin's decision,
// and the payout through the wallet ledger, once. Each step is one ParcelClaimEvent row written in
// the transaction of the step, and the shopper is told of each decision (the one notification path).

export type Viewer = Pick<SessionUser, "id" | "role">;

/** An admin sees every claim; anyone else only the claims they filed. */
export function visibleClaims(viewer: Viewer): Prisma.ParcelClaimWhereInput {
  return viewer.role === "ADMIN" ? {} : { userId: viewer.id };
}

export const claimTopic = (claimId: string) => `claim:${claimId}`;
const storedClaimStatus = (value: string) => fromColumn(claimStatusSchema, "ParcelClaim.status", value);
const blocking = { status: { in: [...BLOCKING_STATUSES] } };

// ---------------------------------------------------------------------------------------------
// Settings: the admin-set cap of an uninsured parcel's claim.

export const DEFAULT_UNINSURED_CAP_FEN = 50_000;

export async function getClaimSettings(tx?: Tx) {
  const row = await (tx ?? db).claimSettings.findUnique({ where: { id: "default" }, select: { uninsuredCapFen: true } });
  return { uninsuredCapFen: row?.uninsuredCapFen ?? DEFAULT_UNINSURED_CAP_FEN };
}

// Typed in yuan by the admin, stored as fen; at most ¥100,000 (beyond that it is a typo, not a policy).
export const claimSettingsSchema = z.object({
  intent: z.literal("settings"),
  uninsuredCap: z
    .string({ required_error: "claims:errors.capInvalid", invalid_type_error: "claims:errors.capInvalid" })
    .trim()
    .regex(/^\d{1,6}(?:\.\d{1,2})?$/, "claims:errors.capInvalid")
    .transform((value) => Math.round(Number(value) * 100))
    .refine((fen) => fen <= 10_000_000, "claims:errors.capInvalid"),
});

export async function updateClaimSettings(admin: Pick<SessionUser, "id">, uninsuredCapFen: number) {
  await db.$transaction(async (tx) => {
    const before = await getClaimSettings(tx);
    if (before.uninsuredCapFen === uninsuredCapFen) return;
    await tx.claimSettings.upsert({ where: { id: "default" }, create: { id: "default", uninsuredCapFen }, update: { uninsuredCapFen } });
    await tx.auditLog.create({
      data: auditData({
        actorId: admin.id,
        entity: "ClaimSettings",
        entityId: "default",
        action: "update",
        before,
        after: { uninsuredCapFen },
      }),
    });
  });
}

// ---------------------------------------------------------------------------------------------
// The payout table for an order: each item line's remaining units (not in a return) with their shares
// of the stored quote, computed by the returns' engine at platform fault (everything paid for them).

type OrderForClaim = {
  quoteId: string;
  items: { position: number; title: string; titleZh: string; quantity: number }[];
  returns: { status: string; items: UnitSelection[] }[];
};

function claimableItems(quote: StoredQuote, order: OrderForClaim): AffectedItem[] {
  const returned = unitsInReturns(order.returns.map((entry) => ({ status: storedReturnStatus(entry.status), units: entry.items })));
  // Cumulative over the item lines, so each line's share telescopes and the lines add up exactly.
  const previous: UnitSelection[] = [...returned].map(([position, quantity]) => ({ position, quantity }));
  const affected: AffectedItem[] = [];
  for (const item of [...order.items].sort((a, b) => a.position - b.position)) {
    const remaining = item.quantity - (returned.get(item.position) ?? 0);
    if (remaining <= 0) continue;
    const requested = [{ position: item.position, quantity: remaining }];
    const refund = computeRefund({
      quote,
      requested,
      fault: "PLATFORM",
      config: { restockingRate: "0" },
      cbecTaxRefundable: true,
      previouslyRefunded: previous,
    });
    previous.push(...requested);
    const shares = Object.fromEntries(
      PAYOUT_LINE_CODES.map((code) => [code, refund.lines.find((line) => line.code === code)?.amountFen ?? 0]),
    ) as AffectedItem["shares"];
    affected.push({ position: item.position, title: item.titleZh || item.title, quantity: remaining, shares });
  }
  return affected;
}

const orderForClaimSelect = {
  id: true,
  number: true,
  userId: true,
  status: true,
  deliveredAt: true,
  quoteId: true,
  items: { select: { position: true, title: true, titleZh: true, quantity: true, imageUrl: true }, orderBy: { position: "asc" } },
  returns: { select: { status: true, items: { select: { position: true, quantity: true } } } },
  _count: { select: { claims: { where: blocking } } },
} as const;

async function loadOrderForClaim(client: Tx | typeof db, userId: string, orderId: string) {
  return client.order.findFirst({ where: { id: orderId, userId }, select: orderForClaimSelect });
}

function facts(order: NonNullable<Awaited<ReturnType<typeof loadOrderForClaim>>>) {
  return { userId: order.userId, status: order.status, deliveredAt: order.deliveredAt, blockingClaims: order._count.claims };
}

const isInsured = (quote: StoredQuote) => quote.request.insurance === true;

/** The reasons the shopper may claim for on the order now: the order page links the form when there is one. */
export async function claimableReasonsFor(user: Viewer, orderId: string, now = new Date()) {
  const order = await db.order.findFirst({
    where: { id: orderId, userId: user.id },
    select: { userId: true, status: true, deliveredAt: true, _count: { select: { claims: { where: blocking } } } },
  });
  if (!order) return [];
  return claimableReasons(user.id, { ...order, blockingClaims: order._count.claims }, now);
}

/** The filing form's facts: the order, what may be claimed, the published table for each item and for the whole parcel. */
export async function getClaimFiling(user: Viewer, orderId: string, now = new Date()) {
  const order = await loadOrderForClaim(db, user.id, orderId);
  if (!order) return null;
  const open = await db.parcelClaim.findFirst({ where: { orderId, userId: user.id, ...blocking }, select: { id: true, number: true } });
  const reasons = claimableReasons(user.id, facts(order), now);
  const { uninsuredCapFen } = await getClaimSettings();
  // Nothing to claim now: the page says why (the first refusal), and no table is computed.
  const quote = reasons.length > 0 ? await storedQuote(db, order.quoteId) : null;
  const insured = quote ? isInsured(quote) : false;
  const items = quote ? claimableItems(quote, order) : [];
  const single = new Map(items.map((item) => [item.position, computePayout({ items: [item], insured, capFen: uninsuredCapFen })]));
  return {
    order: { id: order.id, number: order.number },
    reasons,
    open,
    refusal: reasons.length > 0 ? null : claimRefusal(user.id, facts(order), "DAMAGED", now),
    insured,
    capFen: uninsuredCapFen,
    items: withEnglishNames(order.items).flatMap((item) => {
      const payout = single.get(item.position);
      return payout ? [{ ...item, payout }] : [];
    }),
    whole: quote ? computePayout({ items, insured, capFen: uninsuredCapFen }) : null,
    damagedUntil: quote && order.deliveredAt ? damagedDeadline(order.deliveredAt) : null,
  };
}

/** The payout for a selection (the form's preview): the same computation filing stores. */
export async function previewClaim(user: Viewer, orderId: string, filing: ClaimFiling) {
  const order = await loadOrderForClaim(db, user.id, orderId);
  if (!order) return null;
  const quote = await storedQuote(db, order.quoteId);
  const chosen = affectedFor(claimableItems(quote, order), filing);
  if (!chosen) return { ok: false as const, reason: "itemsInvalid" as const };
  const { uninsuredCapFen } = await getClaimSettings();
  return { ok: true as const, payout: computePayout({ items: chosen, insured: isInsured(quote), capFen: uninsuredCapFen }) };
}

/** LOST: every remaining unit of the parcel. DAMAGED: the chosen lines, each of which must still have units. */
function affectedFor(items: AffectedItem[], filing: ClaimFiling): AffectedItem[] | null {
  if (filing.reason === "LOST") return items.length > 0 ? items : null;
  const byPosition = new Map(items.map((item) => [item.position, item]));
  const chosen = filing.positions.map((position) => byPosition.get(position));
  if (chosen.length === 0 || chosen.some((item) => item === undefined)) return null;
  // The table's shares were computed in position order; keep that order for the stored breakdown.
  return (chosen as AffectedItem[]).sort((a, b) => a.position - b.position);
}

// ---------------------------------------------------------------------------------------------
// Timeline and notifications

export type ClaimEventInput = TimelineEntry & { claimId: string };

async function recordClaimEvent(tx: Tx, event: ClaimEventInput, at: Date) {
  await tx.parcelClaimEvent.create({ data: { claimId: event.claimId, ...timelineRow(event, at) } });
  await tx.parcelClaim.update({ where: { id: event.claimId }, data: { lastEventAt: at } });
}

async function notifyAboutClaim(
  tx: Tx,
  recipient: Recipient,
  claim: { id: string; number: string; orderId: string },
  kind: string,
  params: Record<string, string | number | null> = {},
) {
  const product = await orderProductParams(tx, claim.orderId);
  await notifyWithMail(tx, recipient, kind, { number: claim.number, ...product, ...params }, `/claims/${claim.id}`);
}

// ---------------------------------------------------------------------------------------------
// Filing

export type FilingRefusal = ClaimRefusal | "itemsInvalid" | "photosRequired";
export type FilingOutcome = { ok: true; claimId: string } | { ok: false; reason: FilingRefusal };

function claimNumber(now: Date) {
  return `CL${chinaDayStamp(now)}${crypto.randomBytes(4).toString("hex").toUpperCase()}`;
}

/**
 * Files the claim with the payout the table gives now. The checks run inside the transaction behind the
 * order's row lock, so a double click or two tabs file one claim.
 */
export async function fileClaim(
  user: Viewer,
  orderId: string,
  filing: ClaimFiling,
  photos: string[],
  now = new Date(),
): Promise<FilingOutcome> {
  if (photosRequired(filing.reason) && photos.length === 0) return { ok: false, reason: "photosRequired" };
  const { uninsuredCapFen } = await getClaimSettings();
  const outcome = await transactionWithRetry(async (tx): Promise<FilingOutcome> => {
    await lockRow(tx, "Order", orderId);
    const order = await loadOrderForClaim(tx, user.id, orderId);
    if (!order) return { ok: false, reason: "notFound" };
    const refusal = claimRefusal(user.id, facts(order), filing.reason, now);
    if (refusal) return { ok: false, reason: refusal };
    const quote = await storedQuote(tx, order.quoteId);
    const chosen = affectedFor(claimableItems(quote, order), filing);
    if (!chosen) return { ok: false, reason: "itemsInvalid" };
    const insured = isInsured(quote);
    const payout = computePayout({ items: chosen, insured, capFen: uninsuredCapFen });
    const id = crypto.randomUUID();
    const number = claimNumber(now);
    await tx.parcelClaim.create({
      data: {
        id,
        number,
        orderId,
        userId: user.id,
        reason: filing.reason,
        description: filing.description,
        positions: JSON.stringify(chosen.map((item) => item.position)),
        insured,
        payout: JSON.stringify(payout),
        payoutFen: payout.payoutFen,
        status: "FILED" satisfies ClaimStatus,
        createdAt: now,
        lastEventAt: now,
      },
    });
    await recordClaimEvent(
      tx,
      {
        claimId: id,
        kind: "STATUS",
        actorId: user.id,
        actorRole: "SHOPPER",
        toStatus: "FILED",
        messageKey: `filed.${filing.reason}`,
        params: { amount: fromFen(payout.payoutFen) },
        note: filing.description,
        attachments: photos,
      },
      now,
    );
    const shopper = await tx.user.findUniqueOrThrow({ where: { id: user.id }, select: { email: true } });
    await notifyAboutClaim(tx, { userId: user.id, email: shopper.email }, { id, number, orderId }, "CLAIM_FILED", {
      amount: fromFen(payout.payoutFen),
    });
    return { ok: true, claimId: id };
  });
  if (outcome.ok) publishOrderChange(claimTopic(outcome.claimId));
  return outcome;
}

// ---------------------------------------------------------------------------------------------
// Deciding and paying

type FailureCode = MoveErrorCode | "NOT_FOUND" | "CONFLICT";
export type ClaimMoveOutcome = { ok: true; status: ClaimStatus; paidFen: number } | MoveFailure<FailureCode>;

const claimForMoveSelect = {
  id: true,
  number: true,
  orderId: true,
  userId: true,
  status: true,
  version: true,
  payoutFen: true,
  user: { select: { email: true } },
} as const;

type ClaimForMove = Prisma.ParcelClaimGetPayload<{ select: typeof claimForMoveSelect }>;

/** The claim as the page saw it (its version), or the failure to say instead. */
async function claimForMove(claimId: string, version: number) {
  return atVersion("claims", await db.parcelClaim.findUnique({ where: { id: claimId }, select: claimForMoveSelect }), version);
}

/** Locks the claim's order (the row filing locks too) and checks the claim is still at the version read. */
async function lockClaim(tx: Tx, claim: ClaimForMove) {
  await lockAtVersion(
    tx,
    "claims",
    claim.orderId,
    () => tx.parcelClaim.findUnique({ where: { id: claim.id }, select: { version: true } }),
    claim.version,
  );
}

/**
 * APPROVED → PAID inside the caller's transaction: one conditional update on the version, then the ledger
 * entry (WalletEntry.claimId is unique as well), never more than is still paid on the order.
 */
async function payInTransaction(tx: Tx, actor: MoveActor, claim: ClaimForMove, version: number, now: Date) {
  const order = await tx.order.findUniqueOrThrow({ where: { id: claim.orderId }, select: { number: true, paidFen: true } });
  const paidFen = Math.max(0, Math.min(claim.payoutFen, order.paidFen));
  requireMoved(
    "claims",
    await tx.parcelClaim.updateMany({
      where: { id: claim.id, version, status: "APPROVED" },
      data: { status: "PAID", version: { increment: 1 }, paidAt: now, payoutFen: paidFen },
    }),
  );
  if (paidFen > 0) {
    await creditWallet(tx, {
      userId: claim.userId,
      kind: "CLAIM_PAYOUT",
      amountFen: paidFen,
      orderId: claim.orderId,
      claimId: claim.id,
      note: `claim ${claim.number}`,
      createdById: actor.id,
    });
    // The money is the order's, paid back: what is still paid on it goes down, as with a return's refund.
    await tx.order.update({ where: { id: claim.orderId }, data: { paidFen: { decrement: paidFen } } });
  }
  await recordClaimEvent(
    tx,
    {
      claimId: claim.id,
      kind: "MONEY",
      actorId: null,
      actorRole: "SYSTEM",
      fromStatus: "APPROVED",
      toStatus: "PAID",
      messageKey: "paid",
      params: { amount: fromFen(paidFen) },
    },
    now,
  );
  await notifyAboutClaim(tx, { userId: claim.userId, email: claim.user.email }, claim, "CLAIM_PAID", {
    order: order.number,
    amount: fromFen(paidFen),
  });
  return paidFen;
}

/**
 * An admin decides a filed claim on the version they saw: APPROVED pays the stored payout at once (the
 * same transaction), REJECTED needs a reason. A second decision, concurrent or not, finds the version
 * moved on and changes nothing (CONFLICT).
 */
export async function decideClaim(
  actor: MoveActor,
  claimId: string,
  input: { to: ClaimStatus; version: number; note?: string },
  now = new Date(),
): Promise<ClaimMoveOutcome> {
  if (actor.role !== "ADMIN") return moveFailure("NOT_FOUND", "claims:errors.notFound");
  const loaded = await claimForMove(claimId, input.version);
  if (!loaded.ok) return loaded;
  const claim = loaded.row;
  const from = storedClaimStatus(claim.status);
  const check = checkClaimMove({ from, to: input.to, role: actor.role, isOwner: false, payload: { note: input.note } });
  if (!check.ok) return moveFailure(check.code, check.message, check.fieldErrors);
  const note = check.payload.note || null;
  const moved = await runMove<number, FailureCode>(async (tx) => {
    await lockClaim(tx, claim);
    requireMoved(
      "claims",
      await tx.parcelClaim.updateMany({
        where: { id: claim.id, version: claim.version, status: from },
        data: { status: input.to, version: { increment: 1 }, decisionNote: note, decidedById: actor.id, decidedAt: now },
      }),
    );
    await recordClaimEvent(
      tx,
      {
        claimId: claim.id,
        kind: "STATUS",
        actorId: actor.id,
        actorRole: actor.role,
        fromStatus: from,
        toStatus: input.to,
        params: { amount: fromFen(claim.payoutFen) },
        note,
      },
      now,
    );
    if (input.to === "REJECTED") {
      await notifyAboutClaim(tx, { userId: claim.userId, email: claim.user.email }, claim, "CLAIM_REJECTED", { reason: note });
      return 0;
    }
    return payInTransaction(tx, actor, claim, claim.version + 1, new Date(now.getTime() + 1));
  });
  if (!moved.ok) return moved;
  publishOrderChange(claimTopic(claim.id));
  return { ok: true, status: input.to === "APPROVED" ? "PAID" : input.to, paidFen: moved.value };
}

// ---------------------------------------------------------------------------------------------
// Reading

/** A claim with its payout table, its timeline and the moves the viewer may make; null when they may not see it. */
export async function getClaim(viewer: Viewer, claimId: string) {
  const row = await db.parcelClaim.findFirst({
    where: { AND: [{ id: claimId }, visibleClaims(viewer)] },
    select: {
      id: true,
      number: true,
      orderId: true,
      reason: true,
      description: true,
      insured: true,
      payout: true,
      payoutFen: true,
      status: true,
      version: true,
      decisionNote: true,
      decidedAt: true,
      paidAt: true,
      createdAt: true,
      order: { select: { number: true } },
      user: { select: { name: true } },
      events: timelineEventsSelect,
    },
  });
  if (!row) return null;
  const status = storedClaimStatus(row.status);
  return {
    ...row,
    status,
    reason: fromColumn(claimReasonSchema, "ParcelClaim.reason", row.reason),
    payout: storedPayout(row.payout),
    moves: viewer.role === "ADMIN" ? allowedClaimMoves(status, "ADMIN") : [],
    events: parsedTimeline("ParcelClaimEvent", row.events),
  };
}

export type ClaimDetail = NonNullable<Awaited<ReturnType<typeof getClaim>>>;

/** What changes when the claim's page must refresh: its version and its number of events. */
export async function claimTimelineMark(viewer: Viewer, claimId: string) {
  const row = await db.parcelClaim.findFirst({
    where: { AND: [{ id: claimId }, visibleClaims(viewer)] },
    select: { version: true, _count: { select: { events: true } } },
  });
  return row ? `${row.version}:${row._count.events}` : null;
}

/** A photo belongs to the claim's evidence, for one who may see the claim. */
export async function claimHasPhoto(viewer: Viewer, claimId: string, name: string) {
  const found = await db.parcelClaimEvent.findFirst({
    where: { claimId, attachments: { contains: JSON.stringify(name) }, claim: visibleClaims(viewer) },
    select: { id: true },
  });
  return found !== null;
}

/** The viewer's claims (an admin's queue: FILED by default, oldest first). */
export async function listClaims(viewer: Viewer, filter: { status?: ClaimStatus | null; orderId?: string } = {}) {
  const rows = await db.parcelClaim.findMany({
    where: {
      AND: [visibleClaims(viewer), filter.status ? { status: filter.status } : {}, filter.orderId ? { orderId: filter.orderId } : {}],
    },
    select: {
      id: true,
      number: true,
      reason: true,
      status: true,
      version: true,
      insured: true,
      payoutFen: true,
      description: true,
      createdAt: true,
      order: { select: { id: true, number: true } },
      user: { select: { name: true } },
    },
    orderBy: { createdAt: viewer.role === "ADMIN" ? "asc" : "desc" },
    take: 200,
  });
  return rows.map((row) => ({
    ...row,
    status: storedClaimStatus(row.status),
    reason: fromColumn(claimReasonSchema, "ParcelClaim.reason", row.reason),
  }));
}
