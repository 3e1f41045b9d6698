import type { Actor } from "~/domain/orders/status-machine";
import type { DisputeOutcome } from "./condition";
import type { Fault } from "./reasons";
import { allowedReturnTransitions, type RefundAdjustment, type ReturnCondition, type ReturnStatus } from "./status-machine";

// What a return says, to whom, from its current state alone: the amount and its label, the
// breakdown, the notices and the actions offered. The shopper's page, the agent's and admin's, the
// lists and the notifications all call these functions, so no template decides on its own which
// amount is "the refund" (issue #11: a page still said 已退款 ¥357.10 after an inspection cut the
// refund to ¥0.00, and kept offering a dispute that was already filed and decided).
//
// The amounts, in the order a return lives them (integer fen):
//   filed      what the shopper was shown and confirmed at filing (ReturnRequest.quotedRefundFen)
//   inspected  after the agent's inspection (null before RECEIVED)
//   settled    the refund that stands: 0 for a rejected or cancelled return; the filed amount before
//              inspection or after a dispute decided for the shopper; the inspected one otherwise
//   refunded   what the wallet ledger holds for the return (the truth once REFUNDED)
// Every message is a locale key of the `returns` namespace; every numeric param is fen.

export type DisputeStatus = "OPEN" | DisputeOutcome;

/** The money side of a return: enough for a list row or a notification. */
export type ReturnMoney = {
  status: ReturnStatus;
  filedFen: number;
  inspectedFen: number | null;
  /** Σ of the wallet ledger's entries linked to the return. */
  refundedFen: number;
  disputeStatus: DisputeStatus | null;
};

/** One unit as the agent found it. */
export type UnitRecord = { condition: ReturnCondition; refundAdjustment: RefundAdjustment; note?: string | null };

/** One returned line. */
export type ReturnLineState = {
  position: number;
  quantity: number;
  /** What was paid for these units. */
  paidFen: number;
  /** The line's refund as filed (or as recomputed at inspection, for the CBEC tax). */
  filedFen: number;
  /** The line's refund after inspection; null before it (and for returns inspected before lines kept it). */
  inspectedFen: number | null;
  /** One record per unit after inspection; empty before. */
  units: readonly UnitRecord[];
};

export type ReturnState = ReturnMoney & {
  fault: Fault;
  /** The stored computation's refund (computation.refundFen). */
  computedFen: number;
  /** Σ of the stored computation's line effects; differs from computedFen by the floor at 0 or a cap at what was paid. */
  lineEffectsFen: number;
  lines: readonly ReturnLineState[];
};

/** How a returned line is named: its Chinese title with the variant (the original title, in English). */
export type GoodsName = { position: number; title: string; titleZh: string; variantName: string | null };

export type ReturnViewer = { role: Actor; isOwner: boolean; isAssignedAgent: boolean };

export type ReturnStage = "FILED" | "INSPECTED" | "LOWERED" | "DISPUTE_OPEN" | "DECIDED" | "REFUNDED" | "REJECTED" | "CANCELLED";

export type Message = { key: string; params?: Record<string, number> };
export type Notice = Message & { tone: "info" | "warning" | "success" | "error" };

export type ReturnAmount = Message & { fen: number };

export type BreakdownAdjustment = { key: string; fen: number };

export type ReturnLineView = {
  position: number;
  quantity: number;
  paidFen: number;
  filedFen: number;
  /** What comes back (or came back) for this line now. */
  refundFen: number;
  lowered: boolean;
  /** The units whose refund the agent lowered, and why. */
  dropped: UnitRecord[];
};

export type ReturnView = {
  stage: ReturnStage;
  statusKey: string;
  /** The headline: one amount, one label. */
  amount: ReturnAmount;
  settledFen: number;
  /**
   * FILED: the computation's lines and their total, untouched. ADJUSTED: the same lines, then the
   * adjustments that lead from them to the headline amount (which is the total). NONE: nothing will
   * be refunded (rejected, cancelled): no breakdown.
   */
  breakdown: "FILED" | "ADJUSTED" | "NONE";
  adjustments: BreakdownAdjustment[];
  totalKey: string;
  lines: ReturnLineView[];
  notices: Notice[];
  dispute: { status: DisputeStatus } | null;
  moves: ReturnStatus[];
  canDispute: boolean;
  canDecide: boolean;
  /** Staff about to refund: what the REFUNDED move pays. */
  refundDueFen: number;
};

const CLOSED: readonly ReturnStatus[] = ["REJECTED", "CANCELLED"];
const INSPECTED_STATUSES: readonly ReturnStatus[] = ["RECEIVED", "REFUNDED"];

function assertFen(name: string, value: number | null): void {
  if (value !== null && (!Number.isSafeInteger(value) || value < 0))
    throw new RangeError(`${name} must be a non-negative integer number of fen: ${value}`);
}

/** The inspection lowered the refund below what was filed. */
export function isLowered(money: Pick<ReturnMoney, "filedFen" | "inspectedFen">): boolean {
  return money.inspectedFen !== null && money.inspectedFen < money.filedFen;
}

/** The refund that stands now (see above). */
export function settledRefundFen(money: ReturnMoney): number {
  if (CLOSED.includes(money.status)) return 0;
  if (money.inspectedFen === null || money.disputeStatus === "UPHELD_SHOPPER") return money.filedFen;
  return Math.min(money.inspectedFen, money.filedFen);
}

export function returnStage(money: ReturnMoney): ReturnStage {
  if (money.status === "REJECTED" || money.status === "CANCELLED") return money.status;
  if (money.disputeStatus === "OPEN") return "DISPUTE_OPEN";
  if (money.status === "REFUNDED") return "REFUNDED";
  if (money.status !== "RECEIVED") return "FILED";
  if (money.disputeStatus === "UPHELD_SHOPPER" || money.disputeStatus === "UPHELD_AGENT") return "DECIDED";
  return isLowered(money) ? "LOWERED" : "INSPECTED";
}

/** The one amount a return shows, with its label: on its page, in every list and in its notifications. */
export function returnAmount(money: ReturnMoney): ReturnAmount {
  for (const [name, value] of [
    ["filedFen", money.filedFen],
    ["inspectedFen", money.inspectedFen],
    ["refundedFen", money.refundedFen],
  ] as const)
    assertFen(name, value);
  const settled = settledRefundFen(money);
  const filed = { filed: money.filedFen };
  switch (returnStage(money)) {
    case "REJECTED":
      return { key: "returns:amount.rejected", fen: 0, params: filed };
    case "CANCELLED":
      return { key: "returns:amount.cancelled", fen: 0, params: filed };
    case "FILED":
      return { key: "returns:amount.filed", fen: settled };
    case "INSPECTED":
      return { key: "returns:amount.inspected", fen: settled };
    case "LOWERED":
      return { key: "returns:amount.lowered", fen: settled, params: filed };
    case "DECIDED":
      return { key: "returns:amount.decided", fen: settled, params: filed };
    case "DISPUTE_OPEN":
      // Disputed before the refund: nothing paid yet, the inspected amount is what is in question.
      if (money.status !== "REFUNDED") return { key: "returns:amount.lowered", fen: settled, params: filed };
      return refundedAmount(money.refundedFen);
    case "REFUNDED":
      return refundedAmount(money.refundedFen);
  }
}

/**
 * The status as shown: the state machine's, except that a return closed without any money going
 * back does not say 已退款 (REFUNDED is the machine's name for "settled").
 */
export function returnStatusKey(money: ReturnMoney): string {
  if (money.status === "REFUNDED" && money.refundedFen === 0 && money.disputeStatus !== "OPEN") return "returns:status.CLOSED_NO_REFUND";
  return `returns:status.${money.status}`;
}

function refundedAmount(refundedFen: number): ReturnAmount {
  return refundedFen > 0 ? { key: "returns:amount.refunded", fen: refundedFen } : { key: "returns:amount.refundedNone", fen: 0 };
}

/** The adjustments that lead from the computation's lines to the headline amount, each one step of the return's life. */
function adjustmentsFor(state: ReturnState, total: number): BreakdownAdjustment[] {
  const steps: [number, string][] = [
    [state.computedFen, state.lineEffectsFen < 0 && state.computedFen === 0 ? "returns:adjustment.floor" : "returns:adjustment.paidCap"],
    [state.inspectedFen ?? state.filedFen, state.inspectedFen === null ? "returns:adjustment.recomputed" : "returns:adjustment.inspection"],
    [settledRefundFen(state), "returns:adjustment.disputeUpheld"],
    [total, "returns:adjustment.refundCap"],
  ];
  const rows: BreakdownAdjustment[] = [];
  let current = state.lineEffectsFen;
  for (const [next, key] of steps) {
    if (next !== current) rows.push({ key, fen: next - current });
    current = next;
  }
  return rows;
}

function lineView(line: ReturnLineState, money: ReturnMoney): ReturnLineView {
  const dropped = line.units.filter((unit) => unit.refundAdjustment !== "KEEP");
  const inspected = line.inspectedFen ?? line.filedFen;
  const refundFen = CLOSED.includes(money.status) ? 0 : money.disputeStatus === "UPHELD_SHOPPER" ? line.filedFen : inspected;
  return {
    position: line.position,
    quantity: line.quantity,
    paidFen: line.paidFen,
    filedFen: line.filedFen,
    refundFen,
    lowered: refundFen < line.filedFen,
    dropped,
  };
}

const TOTAL_KEYS: Record<ReturnStage, string> = {
  FILED: "returns:total.filed",
  INSPECTED: "returns:total.inspected",
  LOWERED: "returns:total.inspected",
  DISPUTE_OPEN: "returns:total.inspected",
  DECIDED: "returns:total.decided",
  REFUNDED: "returns:total.refunded",
  REJECTED: "returns:total.filed",
  CANCELLED: "returns:total.filed",
};

function noticesFor(state: ReturnState, stage: ReturnStage, viewer: ReturnViewer, canDispute: boolean): Notice[] {
  const notices: Notice[] = [];
  const filed = state.filedFen;
  const inspected = state.inspectedFen ?? filed;
  const lowered = isLowered(state);
  const shopper = viewer.role === "SHOPPER";
  if (lowered && INSPECTED_STATUSES.includes(state.status)) {
    notices.push({ key: "returns:notice.lowered", params: { filed, amount: inspected }, tone: "warning" });
  }
  if (canDispute) notices.push({ key: "returns:notice.mayDispute", tone: "info" });
  else if (!shopper && lowered && state.disputeStatus === null && INSPECTED_STATUSES.includes(state.status))
    notices.push({ key: "returns:notice.shopperMayDispute", tone: "info" });
  if (state.disputeStatus === "OPEN") {
    if (state.status === "REFUNDED")
      notices.push({
        key: "returns:notice.disputeOpenAfterRefund",
        params: { amount: state.refundedFen, rest: Math.max(0, filed - state.refundedFen) },
        tone: "info",
      });
    else notices.push({ key: shopper ? "returns:notice.disputeOpen" : "returns:notice.disputeOpenStaff", tone: "info" });
  }
  if (state.disputeStatus === "UPHELD_SHOPPER")
    notices.push({ key: "returns:notice.upheldShopper", params: { amount: filed }, tone: "success" });
  if (state.disputeStatus === "UPHELD_AGENT")
    notices.push({ key: "returns:notice.upheldAgent", params: { amount: inspected }, tone: "info" });
  if (stage === "REFUNDED" || (stage === "DISPUTE_OPEN" && state.status === "REFUNDED")) {
    notices.push(
      state.refundedFen > 0
        ? { key: "returns:notice.refunded", params: { amount: state.refundedFen }, tone: "success" }
        : { key: "returns:notice.refundedNone", tone: "info" },
    );
  }
  return notices;
}

/** Everything the return's page shows and offers to `viewer`, from the return's current state. */
export function returnView(state: ReturnState, viewer: ReturnViewer): ReturnView {
  const amount = returnAmount(state);
  const stage = returnStage(state);
  const settledFen = settledRefundFen(state);
  const mayAct = viewer.role === "SHOPPER" ? viewer.isOwner : viewer.role === "AGENT" ? viewer.isAssignedAgent : true;
  const moves = mayAct
    ? allowedReturnTransitions(state.status, viewer.role, state.fault).filter(
        (to) => !(to === "REFUNDED" && state.disputeStatus === "OPEN"),
      )
    : [];
  const canDispute =
    viewer.role === "SHOPPER" &&
    viewer.isOwner &&
    INSPECTED_STATUSES.includes(state.status) &&
    state.disputeStatus === null &&
    isLowered(state);
  const canDecide = viewer.role === "ADMIN" && state.disputeStatus === "OPEN";
  const closed = CLOSED.includes(state.status);
  const adjustments = closed ? [] : adjustmentsFor(state, amount.fen);
  return {
    stage,
    statusKey: returnStatusKey(state),
    amount,
    settledFen,
    breakdown: closed ? "NONE" : adjustments.length > 0 ? "ADJUSTED" : "FILED",
    adjustments,
    totalKey: TOTAL_KEYS[stage],
    lines: state.lines.map((line) => lineView(line, state)),
    notices: noticesFor(state, stage, viewer, canDispute),
    dispute: state.disputeStatus ? { status: state.disputeStatus } : null,
    moves,
    canDispute,
    canDecide,
    refundDueFen: state.status === "RECEIVED" ? settledFen : 0,
  };
}

/**
 * The params of the notification about `event`, from the state after it: the amount that stands
 * and, where the plain text would mislead, an i18next context (`RETURN_RECEIVED_lower`,
 * `RETURN_REFUNDED_none`, `RETURN_DISPUTE_DECIDED_shopper` …).
 */
export function returnNotice(event: ReturnStatus | "DISPUTE_DECIDED", money: ReturnMoney): { amountFen: number | null; context?: string } {
  const { fen } = returnAmount(money);
  switch (event) {
    case "RECEIVED":
      return isLowered(money) ? { amountFen: fen, context: "lower" } : { amountFen: fen };
    case "REFUNDED":
      return fen > 0 ? { amountFen: fen } : { amountFen: 0, context: "none" };
    case "DISPUTE_DECIDED":
      return { amountFen: fen, context: money.disputeStatus === "UPHELD_SHOPPER" ? "shopper" : "agent" };
    default:
      return { amountFen: null };
  }
}
