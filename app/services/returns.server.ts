import { fromJsonColumn, storedNamesSchema } from "~/domain/stored";
import crypto from "node:crypto";
import { quoteResultSchema, type QuoteRequest } from "~/domain/landed-cost";
import { chinaDayStamp } from "~/domain/china-time";
import { BLOCKING_STATUSES, claimedUnits, storedPayout } from "~/domain/claims";
import {
  cbecTaxDeadline,
  checkEligibility,
  checkEvidence,
  checkUnitSelection,
  computeRefund,
  faultOf,
  filingVerdict,
  isCbecTaxRefundable,
  returnAmount,
  returnDeadline,
  returnStatusKey,
  returnView,
  unitsInReturns,
  type FilingAlternative,
  type FilingVerdict,
  type GoodsName,
  type RefundComputation,
  type ReturnAmount,
  type ReturnMoney,
  type ReturnReason,
  type ReturnState,
  type ReturnStatus,
  type StoredQuote,
  type UnitSelection,
} from "~/domain/returns";
import type { SessionUser } from "~/utils/auth.server";
import { storedComputation, storedDisputeStatus, storedFault, storedReturnStatus, unitRecordsSchema } from "~/domain/returns/stored";
import { db, type Prisma, type Tx } from "~/utils/db.server";
import { lockRow, transactionWithRetry } from "~/utils/db-locks.server";
import { withCustomsRules } from "./customs-rules.server";
import { notifyAboutReturn, recordReturnEvent } from "./return-events.server";
import { parsedTimeline, timelineEventsSelect } from "./order-events.server";
import { publishOrderChange } from "./order-feed.server";
import { returnAddressForLine } from "./return-addresses.server";
import { getReturnPolicy } from "./return-policy.server";
import { withEnglishNames } from "./item-names.server";

// Filing a return: the shopper picks units and a reason and sees, before confirming, whether they
// may, who pays the return shipping and the itemized refund, computed from the order's own quote.
// Filing stores that computation: it is what is refunded unless the received goods say otherwise.

export type Viewer = Pick<SessionUser, "id" | "role">;

/** A shopper their own returns, an agent the returns of orders assigned to them, an admin all. */
export function visibleReturns(viewer: Viewer): Prisma.ReturnRequestWhereInput {
  if (viewer.role === "ADMIN") return {};
  if (viewer.role === "AGENT") return { order: { agentId: viewer.id } };
  return { userId: viewer.id };
}

export const returnTopic = (returnId: string) => `return:${returnId}`;

async function loadOrderForReturn(db_: Tx | typeof db, userId: string, orderId: string) {
  return db_.order.findFirst({
    where: { id: orderId, userId },
    select: {
      id: true,
      number: true,
      status: true,
      deliveredAt: true,
      quoteId: true,
      customsRegime: true,
      shippingLineCode: true,
      paidFen: true,
      agentId: true,
      agent: { select: { email: true } },
      items: {
        select: {
          id: true,
          position: true,
          quantity: true,
          title: true,
          titleZh: true,
          variantName: true,
          imageUrl: true,
          listingId: true,
        },
        orderBy: { position: "asc" },
      },
      returns: { select: { status: true, items: { select: { position: true, quantity: true } } } },
      claims: { where: { status: { in: [...BLOCKING_STATUSES] } }, select: { payout: true } },
    },
  });
}

/** Units no longer returnable: those in a counted return, and those a claim pays (or may pay) for. */
function unavailableUnits(order: Pick<NonNullable<Awaited<ReturnType<typeof loadOrderForReturn>>>, "returns" | "claims">) {
  const units = unitsInReturns(order.returns.map((entry) => ({ status: storedReturnStatus(entry.status), units: entry.items })));
  for (const [position, quantity] of claimedUnits(order.claims.map((claim) => storedPayout(claim.payout))))
    units.set(position, (units.get(position) ?? 0) + quantity);
  return units;
}

export type ReturnContext = NonNullable<Awaited<ReturnType<typeof getReturnContext>>>;

/** Everything the return form needs about one of the shopper's orders; null when it is not theirs. */
export async function getReturnContext(userId: string, orderId: string) {
  const order = await loadOrderForReturn(db, userId, orderId);
  if (!order) return null;
  const [quoteRow, policy, listings] = await Promise.all([
    db.quote.findUniqueOrThrow({ where: { id: order.quoteId }, select: { request: true, context: true, result: true } }),
    getReturnPolicy(),
    db.listing.findMany({
      where: { id: { in: order.items.map((item) => item.listingId).filter((id): id is string => Boolean(id)) } },
      select: { id: true, customMade: true },
    }),
  ]);
  const quote: StoredQuote = {
    request: JSON.parse(quoteRow.request) as QuoteRequest,
    context: await withCustomsRules(JSON.parse(quoteRow.context)),
    result: fromJsonColumn(quoteResultSchema, "Quote.result", quoteRow.result),
  };
  const returned = unavailableUnits(order);
  const customMade = new Map(listings.map((listing) => [listing.id, listing.customMade]));
  const items = order.items.map((item) => ({
    ...item,
    taxCategory: quote.request.items[item.position]?.taxCategory ?? "general",
    customMade: item.listingId ? (customMade.get(item.listingId) ?? false) : false,
    remaining: item.quantity - (returned.get(item.position) ?? 0),
  }));
  const previous: UnitSelection[] = [...returned.entries()].map(([position, quantity]) => ({ position, quantity }));
  const returnAddress = await returnAddressForLine(order.shippingLineCode, quote.context.shippingLine.originCountry);
  return { order, quote, policy, items, returned, previous, returnAddress };
}

export type ReturnInput = { reason: ReturnReason; requested: UnitSelection[]; description?: string; photoCount: number };

export type ReturnProblem = { message: string; params?: Record<string, string | number> };

export type ReturnPreview = {
  fault: "PLATFORM" | "SHOPPER";
  problems: ReturnProblem[];
  /** What the form shows: a breakdown to confirm only when ELIGIBLE (or NOT_WORTH, with the numbers). */
  verdict: FilingVerdict;
  /** What else the shopper can do when the return may not be filed. */
  alternatives: FilingAlternative[];
  deadline: string | null;
  computation: RefundComputation | null;
  cbecTaxDeadline: string | null;
};

/** Eligibility, the units, the evidence and the refund: what the shopper sees before confirming. */
export function previewReturn(
  context: ReturnContext,
  input: ReturnInput,
  now = new Date(),
  options: { requireEvidence?: boolean } = {},
): ReturnPreview {
  const { order, quote, policy, items } = context;
  const fault = faultOf(input.reason);
  const problems: ReturnProblem[] = [];
  const selection = checkUnitSelection({ items, alreadyReturned: context.returned, requested: input.requested });
  if (!selection.ok)
    for (const error of selection.errors)
      problems.push({ message: error.message, params: error.params as Record<string, string | number> | undefined });
  const chosen = selection.ok ? items.filter((item) => selection.selection.some((unit) => unit.position === item.position)) : items;
  const eligibility = checkEligibility({ reason: input.reason, deliveredAt: order.deliveredAt, now, items: chosen, config: policy });
  if (!eligibility.ok) {
    const atIssue = (eligibility.items ?? []).map((index) => chosen[index]).filter((item) => item !== undefined);
    const names = atIssue.map((item) => [item.titleZh, item.variantName].filter(Boolean).join(" · ")).join("、");
    problems.push({
      message: eligibility.message,
      params: {
        windowDays: eligibility.windowDays,
        deadline: eligibility.deadline?.toISOString() ?? "",
        ...(names ? { items: names } : {}),
      },
    });
  }
  let evidenceOk = true;
  if (options.requireEvidence) {
    const evidence = checkEvidence(input.reason, { photoCount: input.photoCount, description: input.description });
    if (!evidence.ok) problems.push({ message: evidence.message, params: evidence.params });
    evidenceOk = evidence.ok;
  }
  const released = order.deliveredAt;
  const cbecDeadline = order.customsRegime === "CBEC" && released ? cbecTaxDeadline(released, policy) : null;
  const computation = selection.ok
    ? computeRefund({
        quote,
        requested: selection.selection,
        fault,
        config: policy,
        cbecTaxRefundable: isCbecTaxRefundable({
          regime: quote.result.regime,
          customsReleasedAt: released,
          arrivesAt: now,
          config: policy,
        }),
        previouslyRefunded: context.previous,
      })
    : null;
  const capped = computation ? capToPaid(computation, order.paidFen) : null;
  const { verdict, alternatives } = filingVerdict({
    orderId: order.id,
    nothingReturnable: nothingReturnable(context),
    eligibility,
    choiceValid: selection.ok && evidenceOk,
    worthFiling: capped ? capped.refundFen > 0 || capped.deductionsFen === 0 : null,
    platformDeadline: order.deliveredAt ? returnDeadline(order.deliveredAt, "PLATFORM", policy) : null,
    now,
    platformContact: policy.platformContact,
  });
  return {
    fault,
    problems,
    verdict,
    alternatives,
    deadline: eligibility.deadline?.toISOString() ?? null,
    // A return that may not be filed has no refund to show (nor to confirm).
    computation: verdict === "INELIGIBLE" ? null : capped,
    cbecTaxDeadline: cbecDeadline?.toISOString() ?? null,
  };
}

function nothingReturnable(context: ReturnContext) {
  return context.items.every((item) => item.remaining <= 0);
}

/** Before anything is chosen: may anything still go back at all? */
export function formVerdict(context: ReturnContext, now = new Date()) {
  return filingVerdict({
    orderId: context.order.id,
    nothingReturnable: nothingReturnable(context),
    eligibility: null,
    choiceValid: true,
    worthFiling: null,
    platformDeadline: null,
    now,
    platformContact: context.policy.platformContact,
  });
}

/** Money goes back only as far as it came in: a cost-difference refund already returned part of it. */
function capToPaid(computation: RefundComputation, paidFen: number): RefundComputation {
  return computation.refundFen <= paidFen ? computation : { ...computation, refundFen: Math.max(0, paidFen) };
}

function returnNumber(now: Date) {
  return `RT${chinaDayStamp(now)}${crypto.randomBytes(4).toString("hex").toUpperCase()}`;
}

export type FileOutcome =
  { ok: true; returnId: string } | { ok: false; reason: "notFound" } | { ok: false; reason: "invalid"; preview: ReturnPreview };

/**
 * Files the return the shopper confirmed. The checks run again inside the transaction, so a double
 * click or two tabs cannot put the same unit into two returns.
 */
export async function fileReturn(
  user: Pick<SessionUser, "id">,
  orderId: string,
  input: ReturnInput & { photos: string[] },
  now = new Date(),
): Promise<FileOutcome> {
  // A filing of other units that committed between the preview and the transaction changes this
  // return's refund (shares are counted cumulatively): the preview is then made again on it.
  for (let attempt = 0; ; attempt += 1) {
    const outcome = await fileOnce(user, orderId, input, now);
    if (outcome !== "basisChanged") return outcome;
    if (attempt >= 3) throw new Error(`return filing for order ${orderId} kept meeting concurrent filings`);
  }
}

function unitsKey(units: ReadonlyMap<number, number>) {
  return JSON.stringify([...units.entries()].sort(([a], [b]) => a - b));
}

async function fileOnce(
  user: Pick<SessionUser, "id">,
  orderId: string,
  input: ReturnInput & { photos: string[] },
  now: Date,
): Promise<FileOutcome | "basisChanged"> {
  const context = await getReturnContext(user.id, orderId);
  if (!context) return { ok: false, reason: "notFound" };
  const preview = previewReturn(context, { ...input, photoCount: input.photos.length }, now, { requireEvidence: true });
  if (preview.problems.length > 0 || !preview.computation) return { ok: false, reason: "invalid", preview };
  const computation = preview.computation;

  const created = await transactionWithRetry(async (tx) => {
    // The order's row lock makes filings (and cancellations, refunds) of one order take turns on
    // PostgreSQL, so the re-read below sees every filing that committed before this one.
    await lockRow(tx, "Order", orderId);
    // Re-read what is already being returned: another filing may have committed since the preview.
    const fresh = await loadOrderForReturn(tx, user.id, orderId);
    const returned = unavailableUnits(fresh ?? { returns: [], claims: [] });
    const again = checkUnitSelection({ items: context.items, alreadyReturned: returned, requested: input.requested });
    if (!again.ok)
      return {
        ok: false as const,
        preview: {
          ...preview,
          problems: again.errors.map((error) => ({
            message: error.message,
            params: error.params as Record<string, string | number> | undefined,
          })),
        },
      };
    if (unitsKey(returned) !== unitsKey(context.returned)) return { ok: false as const, basisChanged: true as const };
    const id = crypto.randomUUID();
    await tx.returnRequest.create({
      data: {
        id,
        number: returnNumber(now),
        orderId,
        userId: user.id,
        reason: input.reason,
        fault: preview.fault,
        description: input.description?.trim() || null,
        status: "REQUESTED" satisfies ReturnStatus,
        computation: JSON.stringify(computation),
        quotedRefundFen: computation.refundFen,
        cbecTaxDeadline: preview.cbecTaxDeadline ? new Date(preview.cbecTaxDeadline) : null,
        createdAt: now,
        lastEventAt: now,
        items: {
          create: again.selection.map((unit) => ({
            position: unit.position,
            quantity: unit.quantity,
            orderItemId: context.items.find((item) => item.position === unit.position)?.id ?? "",
          })),
        },
      },
    });
    await recordReturnEvent(
      tx,
      {
        returnId: id,
        kind: "STATUS",
        actorId: user.id,
        actorRole: "SHOPPER",
        toStatus: "REQUESTED",
        messageKey: "filed",
        params: { refund: computation.refundFen },
        note: input.description?.trim() || null,
        attachments: input.photos,
      },
      now,
    );
    if (context.order.agentId && context.order.agent) {
      await notifyAboutReturn(
        tx,
        { userId: context.order.agentId, email: context.order.agent.email },
        { id, number: context.order.number },
        "RETURN_REQUESTED",
      );
    }
    return { ok: true as const, id };
  });
  if (!created.ok) return "basisChanged" in created ? "basisChanged" : { ok: false, reason: "invalid", preview: created.preview };
  publishOrderChange(returnTopic(created.id));
  return { ok: true, returnId: created.id };
}

const returnDetailSelect = {
  id: true,
  number: true,
  orderId: true,
  userId: true,
  reason: true,
  fault: true,
  description: true,
  status: true,
  version: true,
  computation: true,
  quotedRefundFen: true,
  inspectedRefundFen: true,
  cbecTaxDeadline: true,
  storeAccepted: true,
  labelReference: true,
  carrier: true,
  trackingNumber: true,
  rejectionReason: true,
  disputeStatus: true,
  disputeNote: true,
  disputeDecision: true,
  createdAt: true,
  order: {
    select: {
      number: true,
      agentId: true,
      customsRegime: true,
      shippingLineCode: true,
      items: { select: { position: true, title: true, titleZh: true, variantName: true }, orderBy: { position: "asc" as const } },
    },
  },
  user: { select: { name: true } },
  items: {
    select: {
      id: true,
      position: true,
      quantity: true,
      condition: true,
      conditionNote: true,
      conditionPhotos: true,
      inspectedRefundFen: true,
      inspection: true,
    },
    orderBy: { position: "asc" as const },
  },
  events: timelineEventsSelect,
} as const;

/** What the wallet ledger holds for each return: the refunded amount, once REFUNDED, is read from here. */
async function ledgerByReturn(returnIds: readonly string[]): Promise<Map<string, number>> {
  if (returnIds.length === 0) return new Map();
  const sums = await db.walletEntry.groupBy({ by: ["returnId"], where: { returnId: { in: [...returnIds] } }, _sum: { amountFen: true } });
  return new Map(sums.flatMap((row) => (row.returnId ? [[row.returnId, row._sum.amountFen ?? 0] as const] : [])));
}

type MoneyColumns = { status: string; quotedRefundFen: number; inspectedRefundFen: number | null; disputeStatus: string | null };

function moneyOf(row: MoneyColumns, refundedFen: number): ReturnMoney {
  return {
    status: storedReturnStatus(row.status),
    filedFen: row.quotedRefundFen,
    inspectedFen: row.inspectedRefundFen,
    refundedFen: Math.max(0, refundedFen),
    disputeStatus: storedDisputeStatus(row.disputeStatus),
  };
}

export async function getReturn(viewer: Viewer, returnId: string) {
  const row = await db.returnRequest.findFirst({ where: { AND: [{ id: returnId }, visibleReturns(viewer)] }, select: returnDetailSelect });
  if (!row) return null;
  const [ledger, returnAddress] = await Promise.all([ledgerByReturn([row.id]), returnAddressForLine(row.order.shippingLineCode)]);
  const computation = storedComputation(row.computation);
  const items = row.items.map((item) => ({
    ...item,
    conditionPhotos: fromJsonColumn(storedNamesSchema, "ReturnItem.conditionPhotos", item.conditionPhotos),
    inspection: fromJsonColumn(unitRecordsSchema, "ReturnItem.inspection", item.inspection),
  }));
  const state: ReturnState = {
    ...moneyOf(row, ledger.get(row.id) ?? 0),
    fault: storedFault(row.fault),
    computedFen: computation.refundFen,
    lineEffectsFen: computation.lines.reduce((total, line) => total + line.effectFen, 0),
    lines: computation.positions.map((position) => {
      const item = items.find((entry) => entry.position === position.position);
      return {
        position: position.position,
        quantity: position.quantity,
        paidFen: position.paidFen,
        filedFen: position.refundFen,
        inspectedFen: item?.inspectedRefundFen ?? null,
        units: item?.inspection ?? [],
      };
    }),
  };
  const view = returnView(state, {
    role: viewer.role,
    isOwner: row.userId === viewer.id,
    isAssignedAgent: row.order.agentId !== null && row.order.agentId === viewer.id,
  });
  const { items: goods, ...order } = row.order;
  return {
    ...row,
    order,
    computation,
    refundedFen: state.refundedFen,
    goods: goods satisfies GoodsName[],
    returnAddress,
    view,
    items,
    events: parsedTimeline("ReturnEvent", row.events),
  };
}

export type ReturnDetail = NonNullable<Awaited<ReturnType<typeof getReturn>>>;

export async function returnTimelineMark(viewer: Viewer, returnId: string) {
  const row = await db.returnRequest.findFirst({
    where: { AND: [{ id: returnId }, visibleReturns(viewer)] },
    select: { version: true, _count: { select: { events: true } } },
  });
  return row ? `${row.version}:${row._count.events}` : null;
}

const listSelect = {
  id: true,
  number: true,
  status: true,
  reason: true,
  fault: true,
  quotedRefundFen: true,
  inspectedRefundFen: true,
  disputeStatus: true,
  lastEventAt: true,
  createdAt: true,
  order: {
    select: {
      number: true,
      items: { select: { title: true, titleZh: true, imageUrl: true }, orderBy: { position: "asc" }, take: 1 },
      _count: { select: { items: true } },
    },
  },
  user: { select: { name: true } },
} as const;

export type ReturnListRow = Awaited<ReturnType<typeof listReturns>>[number];

/** A list row carries the same amount and label as the return's page (returnAmount). */
export async function listReturns(viewer: Viewer, filter: { status?: ReturnStatus | null; disputesOnly?: boolean; orderId?: string } = {}) {
  const rows = await db.returnRequest.findMany({
    where: {
      AND: [
        visibleReturns(viewer),
        filter.status ? { status: filter.status } : {},
        filter.disputesOnly ? { disputeStatus: "OPEN" } : {},
        filter.orderId ? { orderId: filter.orderId } : {},
      ],
    },
    select: listSelect,
    orderBy: { lastEventAt: viewer.role === "SHOPPER" ? "desc" : "asc" },
    take: 200,
  });
  const ledger = await ledgerByReturn(rows.filter((row) => row.status === "REFUNDED").map((row) => row.id));
  return rows.map((row) => {
    const money = moneyOf(row, ledger.get(row.id) ?? 0);
    const order = { ...row.order, items: withEnglishNames(row.order.items) };
    return { ...row, order, statusKey: returnStatusKey(money), amount: returnAmount(money) satisfies ReturnAmount };
  });
}
