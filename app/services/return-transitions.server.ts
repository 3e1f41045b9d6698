import { fromFen } from "~/domain/landed-cost";
import {
  canDispute,
  checkReturnTransition,
  computeRefund,
  finalRefundFen,
  isCbecTaxRefundable,
  refundAfterInspection,
  returnNotice,
  type DisputeOutcome,
  type InspectedPosition,
  type InTransitPayload,
  type LabelIssuedPayload,
  type ReceivedPayload,
  type RefundComputation,
  type RejectPayload,
  type ReturnStatus,
  type ReturnMoney,
  type ReturnTransitionErrorCode,
  type UnitRecord,
} from "~/domain/returns";
import { storedComputation, storedDisputeStatus, storedFault, storedReturnStatus } from "~/domain/returns/stored";
import { db, type Tx } from "~/utils/db.server";
import { lockRow, transactionWithRetry } from "~/utils/db-locks.server";
import { notifyAboutReturn, recordReturnEvent, type ReturnEventInput } from "./return-events.server";
import { publishOrderChange } from "./order-feed.server";
import { paymentProvider, refundedToParams } from "./payments.server";
import { getReturnContext, returnTopic, visibleReturns } from "./returns.server";
import {
  actorScope,
  atVersion,
  lockAtVersion,
  moveFailure,
  requireMoved,
  runMove,
  type MoveActor,
  type MoveFailure,
} from "./state-moves.server";

// Moving a return along its state machine (app/domain/returns/status-machine.ts). Like an order's
// move, and on the same scaffolding (state-moves.server.ts): one transaction, only on the version the
// actor saw, an event, the shopper told. The refund
// is a ledger entry linked to the return, written together with the REFUNDED status: once.

export type ReturnActor = MoveActor;

type ReturnFailureCode = ReturnTransitionErrorCode | "NOT_FOUND" | "CONFLICT" | "DISPUTE_OPEN" | "INSPECTION_INVALID";
export type ReturnMoveOutcome = { ok: true; status: ReturnStatus } | MoveFailure<ReturnFailureCode>;

const fail = moveFailure<ReturnFailureCode>;

const returnSelect = {
  id: true,
  number: true,
  orderId: true,
  userId: true,
  fault: true,
  status: true,
  version: true,
  computation: true,
  quotedRefundFen: true,
  inspectedRefundFen: true,
  refundedFen: true,
  disputeStatus: true,
  reason: true,
  order: { select: { agentId: true, paidFen: true } },
  user: { select: { email: true } },
  items: { select: { position: true, quantity: true } },
} as const;

function loadReturn(actor: ReturnActor, returnId: string) {
  return db.returnRequest.findFirst({ where: { AND: [{ id: returnId }, actorScope(actor, visibleReturns)] }, select: returnSelect });
}

type ReturnRow = NonNullable<Awaited<ReturnType<typeof loadReturn>>>;

export async function transitionReturn(
  actor: ReturnActor,
  returnId: string,
  input: { to: ReturnStatus; version: number; payload?: unknown },
  now = new Date(),
): Promise<ReturnMoveOutcome> {
  const loaded = atVersion("returns", await loadReturn(actor, returnId), input.version);
  if (!loaded.ok) return loaded;
  const entry = loaded.row;
  const check = checkReturnTransition({
    from: storedReturnStatus(entry.status),
    to: input.to,
    role: actor.role,
    fault: storedFault(entry.fault),
    isOwner: actor.id === entry.userId,
    isAssignedAgent: actor.id !== null && actor.id === entry.order.agentId,
    payload: input.payload,
  });
  if (!check.ok) return fail(check.code, check.message, check.fieldErrors);
  if (input.to === "REFUNDED" && entry.disputeStatus === "OPEN") return fail("DISPUTE_OPEN", "returns:errors.disputeOpen");

  // At RECEIVED the refund is settled on what arrived: the CBEC tax rule looks at today's arrival.
  const inspected = input.to === "RECEIVED" ? await inspect(entry, check.payload as ReceivedPayload, now) : null;
  if (inspected && !inspected.ok) return inspected.outcome;

  // Read before the transaction: inside it only `tx` may touch the database (one connection).
  const released = input.to === "CANCELLED" || input.to === "REJECTED" ? await getReturnContext(entry.userId, entry.orderId) : null;
  const moved = await runMove<void, ReturnFailureCode>(async (tx) => {
    // Moves of an order's returns take turns on PostgreSQL (the order's row lock): a refund reads
    // the order's paid amount and a cancellation recomputes its other returns, each on what the
    // move before it committed. A move that lost the race to this return's own version stops here.
    await lockAtVersion(
      tx,
      "returns",
      entry.orderId,
      () => tx.returnRequest.findUnique({ where: { id: entry.id }, select: { version: true } }),
      entry.version,
    );
    const data: Record<string, unknown> = { status: input.to, version: { increment: 1 } };
    const event: ReturnEventInput = {
      returnId: entry.id,
      kind: "STATUS",
      actorId: actor.id,
      actorRole: actor.role,
      fromStatus: entry.status,
      toStatus: input.to,
      note: (check.payload as { note?: string }).note || null,
    };
    let refundFen = 0;
    switch (input.to) {
      case "REJECTED":
        data.rejectionReason = (check.payload as RejectPayload).note;
        break;
      case "AWAITING_SHIPMENT":
        if (entry.fault === "SHOPPER") data.storeAccepted = true;
        else {
          const label = check.payload as LabelIssuedPayload;
          Object.assign(data, {
            labelReference: label.labelReference ?? null,
            carrier: label.carrier ?? null,
            trackingNumber: label.trackingNumber ?? null,
          });
          event.params = {
            carrier: label.carrier ?? null,
            trackingNumber: label.trackingNumber ?? null,
            labelReference: label.labelReference ?? null,
          };
        }
        break;
      case "IN_TRANSIT": {
        const { carrier, trackingNumber } = check.payload as InTransitPayload;
        Object.assign(data, { carrier, trackingNumber });
        event.params = { carrier, trackingNumber };
        break;
      }
      case "RECEIVED":
        if (inspected?.ok) {
          Object.assign(data, { inspectedRefundFen: inspected.refundFen, computation: JSON.stringify(inspected.computation) });
          event.params = { refund: inspected.refundFen, filed: inspected.filedFen };
          event.messageKey = inspected.refundFen < inspected.filedFen ? "inspectedLower" : "inspectedAsClaimed";
          // One ReturnItem per line, one record per unit: a line's row keeps every unit's note and
          // photos, and the condition of a unit not as claimed (a later record must not hide it).
          for (const position of new Set(inspected.records.map((unit) => unit.position))) {
            const units = inspected.records.filter((unit) => unit.position === position);
            const notable = units.filter((unit) => unit.condition !== "AS_CLAIMED");
            const records: UnitRecord[] = units.map((unit) => ({
              condition: unit.condition,
              refundAdjustment: unit.refundAdjustment,
              ...(unit.note ? { note: unit.note } : {}),
            }));
            await tx.returnItem.updateMany({
              where: { returnId: entry.id, position },
              data: {
                condition: (notable[0] ?? units[0])?.condition ?? null,
                conditionNote: notable.flatMap((unit) => (unit.note ? [unit.note] : [])).join("\n") || null,
                conditionPhotos: JSON.stringify(units.flatMap((unit) => unit.photos ?? [])),
                // What this line gets back now, and why, for the return's page (domain/returns/view.ts).
                inspectedRefundFen: inspected.positions.find((entry) => entry.position === position)?.refundFen ?? null,
                inspection: JSON.stringify(records),
              },
            });
          }
          event.attachments = inspected.records.flatMap((unit) => unit.photos ?? []);
        }
        break;
      case "REFUNDED": {
        const filed = entry.quotedRefundFen;
        const inspectedFen = Math.min(entry.inspectedRefundFen ?? filed, filed);
        const dispute = storedDisputeStatus(entry.disputeStatus);
        const outcome = dispute === "OPEN" ? null : dispute;
        // Never more than what is still paid on the order: earlier refunds came out of it. Read in
        // this transaction: another return of the order may have been refunded since the load.
        const { paidFen } = await tx.order.findUniqueOrThrow({ where: { id: entry.orderId }, select: { paidFen: true } });
        refundFen = Math.min(finalRefundFen({ filedFen: filed, inspectedFen, outcome }), Math.max(0, paidFen));
        data.refundedFen = refundFen;
        // Nothing to pay back: the timeline says so rather than "已退款".
        if (refundFen === 0) event.messageKey = "refundedNone";
        break;
      }
    }
    requireMoved("returns", await tx.returnRequest.updateMany({ where: { id: entry.id, version: entry.version }, data }));
    await recordReturnEvent(tx, event, now);
    if (released) await recomputeOpenReturns(tx, released, entry.orderId, now);
    if (refundFen > 0) {
      await refundReturn(tx, entry, refundFen, actor, now);
    }
    const after: ReturnMoney = {
      status: input.to,
      filedFen: entry.quotedRefundFen,
      inspectedFen: inspected?.ok ? inspected.refundFen : entry.inspectedRefundFen,
      refundedFen: entry.refundedFen + refundFen,
      disputeStatus: storedDisputeStatus(entry.disputeStatus),
    };
    await notifyAboutReturn(
      tx,
      { userId: entry.userId, email: entry.user.email },
      entry,
      `RETURN_${input.to}`,
      noticeParams(returnNotice(input.to, after)),
    );
  });
  if (!moved.ok) return moved;
  publishOrderChange(returnTopic(entry.id));
  return { ok: true, status: input.to };
}

/**
 * The wallet entry, linked to the return and its order, the order's net paid amount, and the
 * timeline's money row (just after the move's own event), together.
 */
async function refundReturn(tx: Tx, entry: ReturnRow, refundFen: number, actor: ReturnActor, now: Date) {
  const to = await paymentProvider.refund(tx, {
    userId: entry.userId,
    amountFen: refundFen,
    orderId: entry.orderId,
    returnId: entry.id,
    note: `return ${entry.number}`,
    createdById: actor.id,
  });
  await tx.order.update({ where: { id: entry.orderId }, data: { paidFen: { decrement: refundFen } } });
  await recordReturnEvent(
    tx,
    {
      returnId: entry.id,
      kind: "MONEY",
      actorId: null,
      actorRole: "SYSTEM",
      messageKey: "refunded",
      params: { amount: fromFen(refundFen), ...refundedToParams(to) },
    },
    new Date(now.getTime() + 1),
  );
}

/** A notification's params: the amount as a decimal string, and the i18next context that picks its text. */
function noticeParams(notice: ReturnType<typeof returnNotice>): Record<string, string | null> {
  return { amount: notice.amountFen === null ? null : fromFen(notice.amountFen), ...(notice.context ? { context: notice.context } : {}) };
}

type Inspected =
  | {
      ok: true;
      refundFen: number;
      filedFen: number;
      computation: RefundComputation;
      records: ReceivedPayload["units"];
      positions: InspectedPosition[];
    }
  | { ok: false; outcome: ReturnMoveOutcome };

/** The per-unit conditions against the filed refund, with the CBEC tax decided on today's arrival. */
async function inspect(entry: ReturnRow, payload: ReceivedPayload, now: Date): Promise<Inspected> {
  let computation = storedComputation(entry.computation);
  if (entry.fault === "SHOPPER" && computation.regime === "CBEC") {
    const context = await getReturnContext(entry.userId, entry.orderId);
    if (context) {
      const others = context.previous
        .map((unit) => ({
          position: unit.position,
          quantity: unit.quantity - (entry.items.find((item) => item.position === unit.position)?.quantity ?? 0),
        }))
        .filter((unit) => unit.quantity > 0);
      const refundable = isCbecTaxRefundable({
        regime: "CBEC",
        customsReleasedAt: context.order.deliveredAt,
        arrivesAt: now,
        config: context.policy,
      });
      computation = computeRefund({
        quote: context.quote,
        requested: entry.items,
        fault: "SHOPPER",
        config: context.policy,
        cbecTaxRefundable: refundable,
        previouslyRefunded: others,
      });
    }
  }
  const outcome = refundAfterInspection(computation, payload.units);
  if (!outcome.ok)
    return {
      ok: false,
      outcome: { ok: false, code: "INSPECTION_INVALID", message: outcome.message, fieldErrors: { units: [outcome.message] } },
    };
  return {
    ok: true,
    refundFen: Math.min(outcome.refundFen, entry.quotedRefundFen),
    filedFen: entry.quotedRefundFen,
    computation,
    records: payload.units,
    positions: outcome.positions,
  };
}

/**
 * The shopper disputes a refund the inspection lowered, before the refund (it then waits for the
 * decision) or after it (a decision for the shopper then pays the rest).
 */
export async function disputeReturn(user: { id: string }, returnId: string, note: string, photos: string[], now = new Date()) {
  const entry = await db.returnRequest.findFirst({
    where: { id: returnId, userId: user.id },
    select: { id: true, number: true, status: true, version: true, quotedRefundFen: true, inspectedRefundFen: true, disputeStatus: true },
  });
  if (!entry) return { ok: false as const, reason: "notFound" as const };
  const inspectedFen = entry.inspectedRefundFen ?? entry.quotedRefundFen;
  if (
    (entry.status !== "RECEIVED" && entry.status !== "REFUNDED") ||
    entry.disputeStatus !== null ||
    !canDispute({ filedFen: entry.quotedRefundFen, inspectedFen })
  )
    return { ok: false as const, reason: "notDisputable" as const };
  const done = await db.$transaction(async (tx) => {
    const moved = await tx.returnRequest.updateMany({
      where: { id: entry.id, version: entry.version, disputeStatus: null },
      data: { disputeStatus: "OPEN", disputeNote: note, version: { increment: 1 } },
    });
    if (moved.count === 0) return false;
    await recordReturnEvent(
      tx,
      { returnId: entry.id, kind: "DISPUTE", actorId: user.id, actorRole: "SHOPPER", messageKey: "disputed", note, attachments: photos },
      now,
    );
    const admins = await tx.user.findMany({ where: { role: "ADMIN" }, select: { id: true, email: true } });
    for (const admin of admins) await notifyAboutReturn(tx, { userId: admin.id, email: admin.email }, entry, "RETURN_DISPUTED");
    return true;
  });
  if (!done) return { ok: false as const, reason: "conflict" as const };
  publishOrderChange(returnTopic(entry.id));
  return { ok: true as const };
}

/** An admin decides a dispute, with both sides' photos in front of them; the decision is final. */
export async function decideDispute(admin: { id: string }, returnId: string, outcome: DisputeOutcome, note: string, now = new Date()) {
  const entry = await db.returnRequest.findFirst({
    where: { id: returnId },
    select: returnSelect,
  });
  if (!entry) return { ok: false as const, reason: "notFound" as const };
  if (entry.disputeStatus !== "OPEN") return { ok: false as const, reason: "notOpen" as const };
  const done = await transactionWithRetry(async (tx) => {
    // A decision for the shopper after the refund pays from the order's paid amount: read under its lock.
    await lockRow(tx, "Order", entry.orderId);
    const moved = await tx.returnRequest.updateMany({
      where: { id: entry.id, version: entry.version, disputeStatus: "OPEN" },
      data: { disputeStatus: outcome, disputeDecision: note, disputeDecidedById: admin.id, version: { increment: 1 } },
    });
    if (moved.count === 0) return false;
    let rest = 0;
    // Already refunded at the inspected amount and now decided for the shopper: the rest of the filed refund.
    if (entry.status === "REFUNDED" && outcome === "UPHELD_SHOPPER") {
      const order = await tx.order.findUniqueOrThrow({ where: { id: entry.orderId }, select: { paidFen: true } });
      rest = Math.max(0, Math.min(entry.quotedRefundFen - entry.refundedFen, order.paidFen));
      if (rest > 0) {
        await refundReturn(tx, entry, rest, { id: admin.id, role: "ADMIN" }, now);
        await tx.returnRequest.update({ where: { id: entry.id }, data: { refundedFen: { increment: rest } } });
      }
    }
    await recordReturnEvent(
      tx,
      {
        returnId: entry.id,
        kind: "DISPUTE",
        actorId: admin.id,
        actorRole: "ADMIN",
        messageKey: `dispute${outcome === "UPHELD_SHOPPER" ? "Shopper" : "Agent"}`,
        note,
      },
      now,
    );
    await tx.auditLog.create({
      data: {
        actorId: admin.id,
        entity: "ReturnRequest",
        entityId: entry.id,
        action: "decide-dispute",
        after: JSON.stringify({ outcome, note }),
      },
    });
    const after: ReturnMoney = {
      status: storedReturnStatus(entry.status),
      filedFen: entry.quotedRefundFen,
      inspectedFen: entry.inspectedRefundFen,
      refundedFen: entry.refundedFen + rest,
      disputeStatus: outcome,
    };
    await notifyAboutReturn(
      tx,
      { userId: entry.userId, email: entry.user.email },
      entry,
      "RETURN_DISPUTE_DECIDED",
      noticeParams(returnNotice("DISPUTE_DECIDED", after)),
    );
    return true;
  });
  if (!done) return { ok: false as const, reason: "notOpen" as const };
  publishOrderChange(returnTopic(entry.id));
  return { ok: true as const };
}

const NOT_YET_RECEIVED = ["REQUESTED", "APPROVED", "AWAITING_SHIPMENT", "IN_TRANSIT"];

function addUnits(into: Map<number, number>, units: readonly { position: number; quantity: number }[]) {
  for (const unit of units) into.set(unit.position, (into.get(unit.position) ?? 0) + unit.quantity);
}

/**
 * A cancelled or rejected return gives its units' shares back: each later return still on its way
 * is recomputed on the returns that still count before it, so that all of an order's returns still
 * add up to what was paid, to the fen (app/domain/returns/refund.ts, cumulative rounding).
 */
async function recomputeOpenReturns(
  tx: Tx,
  context: NonNullable<Awaited<ReturnType<typeof getReturnContext>>>,
  orderId: string,
  now: Date,
) {
  const counting = await tx.returnRequest.findMany({
    where: { orderId, status: { notIn: ["CANCELLED", "REJECTED"] } },
    select: { id: true, status: true, fault: true, computation: true, items: { select: { position: true, quantity: true } } },
    orderBy: { createdAt: "asc" },
  });
  const before = new Map<number, number>();
  for (const other of counting) {
    if (NOT_YET_RECEIVED.includes(other.status)) {
      const filed = storedComputation(other.computation);
      const next = computeRefund({
        quote: context.quote,
        requested: other.items,
        fault: storedFault(other.fault),
        config: context.policy,
        cbecTaxRefundable: filed.importTaxRefunded,
        previouslyRefunded: [...before.entries()].map(([position, quantity]) => ({ position, quantity })),
      });
      if (next.refundFen !== filed.refundFen) {
        await tx.returnRequest.update({
          where: { id: other.id },
          data: { computation: JSON.stringify(next), quotedRefundFen: next.refundFen, version: { increment: 1 } },
        });
        await recordReturnEvent(
          tx,
          {
            returnId: other.id,
            kind: "MONEY",
            actorId: null,
            actorRole: "SYSTEM",
            messageKey: "recomputed",
            params: { refund: next.refundFen, filed: filed.refundFen },
          },
          now,
        );
      }
    }
    addUnits(before, other.items);
  }
}
