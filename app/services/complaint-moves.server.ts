import { fromFen } from "~/domain/landed-cost/money";
import {
  checkComplaintMove,
  isAnswerOverdue,
  outcomeOf,
  type ComplaintStatus,
  type DecisionPayload,
  type StatedPayload,
} from "~/domain/trust/complaint-machine";
import type { MoveErrorCode } from "~/domain/state-machine";
import { db } from "~/utils/db.server";
import {
  complaintTopic,
  notifyAboutComplaint,
  recordComplaintEvent,
  storedComplaintStatus,
  visibleComplaints,
  type ComplaintEventInput,
} from "./complaints.server";
import { publishOrderChange } from "./order-feed.server";
import { creditWallet } from "./payments.server";
import {
  actorScope,
  atVersion,
  lockAtVersion,
  moveFailure,
  requireMoved,
  Rollback,
  runMove,
  type MoveActor,
  type MoveFailure,
} from "./state-moves.server";

// Moving a complaint along its machine (app/domain/trust/complaint-machine.ts), on the scaffolding
// every move shares (state-moves.server.ts): one transaction behind the order's row lock, only on the
// version the actor saw, a timeline event, the other side told. An admin's compensation is a wallet
// ledger entry linked to the complaint, written with the RESOLVED status: once (WalletEntry.complaintId
// is unique as well).

type FailureCode = MoveErrorCode | "NOT_FOUND" | "CONFLICT" | "NOT_DUE" | "OVER_PAID";
export type ComplaintMoveOutcome = { ok: true; status: ComplaintStatus } | MoveFailure<FailureCode>;

function loadComplaint(actor: MoveActor, complaintId: string) {
  return db.complaint.findFirst({
    where: { AND: [{ id: complaintId }, actorScope(actor, visibleComplaints)] },
    select: {
      id: true,
      number: true,
      orderId: true,
      userId: true,
      status: true,
      version: true,
      answerDueAt: true,
      user: { select: { email: true } },
      order: { select: { number: true, agentId: true, paidFen: true, agent: { select: { email: true } } } },
    },
  });
}

export async function moveComplaint(
  actor: MoveActor,
  complaintId: string,
  input: { to: ComplaintStatus; version: number; payload?: unknown },
  now = new Date(),
): Promise<ComplaintMoveOutcome> {
  const loaded = atVersion("complaints", await loadComplaint(actor, complaintId), input.version);
  if (!loaded.ok) return loaded;
  const complaint = loaded.row;
  const from = storedComplaintStatus(complaint.status);
  const check = checkComplaintMove({
    from,
    to: input.to,
    role: actor.role,
    isOwner: actor.id === complaint.userId,
    isAssignedAgent: actor.id !== null && actor.id === complaint.order.agentId,
    overdue: isAnswerOverdue(from, complaint.answerDueAt, now),
    paidFen: complaint.order.paidFen,
    payload: input.payload,
  });
  if (!check.ok) return moveFailure(check.code, check.message, check.fieldErrors);
  const outcome = outcomeOf(check.rule, check.payload);
  const stated = check.payload as Partial<StatedPayload>;
  const compensationFen = outcome === "COMPENSATION" ? (check.payload as DecisionPayload).compensationFen : 0;

  const moved = await runMove<void, FailureCode>(async (tx) => {
    await lockAtVersion(
      tx,
      "complaints",
      complaint.orderId,
      () => tx.complaint.findUnique({ where: { id: complaint.id }, select: { version: true } }),
      complaint.version,
    );
    // Compensation is bounded by what is still paid on the order as of now, behind the lock.
    if (compensationFen > 0) {
      const { paidFen } = await tx.order.findUniqueOrThrow({ where: { id: complaint.orderId }, select: { paidFen: true } });
      if (compensationFen > paidFen)
        throw new Rollback(
          moveFailure("OVER_PAID", "complaints:errors.compensationOverPaid", { compensation: ["complaints:errors.compensationOverPaid"] }),
        );
    }
    const decided = check.rule.from === "ESCALATED";
    requireMoved(
      "complaints",
      await tx.complaint.updateMany({
        where: { id: complaint.id, version: complaint.version },
        data: {
          status: input.to,
          version: { increment: 1 },
          ...(outcome ? { outcome } : {}),
          ...(decided ? { compensationFen, decisionNote: stated.note ?? null, decidedById: actor.id, decidedAt: now } : {}),
        },
      }),
    );
    const event: ComplaintEventInput = {
      complaintId: complaint.id,
      kind: "STATUS",
      actorId: actor.id,
      actorRole: actor.role,
      fromStatus: from,
      toStatus: input.to,
      messageKey: outcome ? `outcome.${outcome}` : null,
      params: compensationFen > 0 ? { amount: fromFen(compensationFen) } : {},
      note: stated.note || null,
      attachments: stated.photos ?? [],
    };
    await recordComplaintEvent(tx, event, now);
    if (compensationFen > 0) {
      await creditWallet(tx, {
        userId: complaint.userId,
        kind: "COMPENSATION",
        amountFen: compensationFen,
        orderId: complaint.orderId,
        complaintId: complaint.id,
        note: `complaint ${complaint.number}`,
        createdById: actor.id,
      });
      await recordComplaintEvent(
        tx,
        {
          complaintId: complaint.id,
          kind: "MONEY",
          actorId: null,
          actorRole: "SYSTEM",
          messageKey: "compensated",
          params: { amount: fromFen(compensationFen) },
        },
        new Date(now.getTime() + 1),
      );
    }
    // The other side hears of it: the shopper of an answer or a decision, the agent of the rest.
    const shopper = { userId: complaint.userId, email: complaint.user.email };
    const agent =
      complaint.order.agentId && complaint.order.agent ? { userId: complaint.order.agentId, email: complaint.order.agent.email } : null;
    const kind = `COMPLAINT_${input.to}${outcome ? `_${outcome}` : ""}`;
    const params = { order: complaint.order.number, amount: compensationFen > 0 ? fromFen(compensationFen) : null };
    const recipients = actor.role === "SHOPPER" ? [agent] : decided ? [shopper, agent] : [shopper];
    for (const recipient of recipients) if (recipient) await notifyAboutComplaint(tx, recipient, complaint, kind, params);
  });
  if (!moved.ok) return moved;
  publishOrderChange(complaintTopic(complaint.id));
  return { ok: true, status: input.to };
}
