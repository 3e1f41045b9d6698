import { fc, test as propTest } from "@fast-check/vitest";
import { describe, expect, test } from "vitest";
import {
  RETURN_STATUSES,
  returnAmount,
  returnNotice,
  returnStatusKey,
  returnView,
  type DisputeStatus,
  type ReturnState,
  type ReturnStatus,
  type ReturnViewer,
} from "~/domain/returns";

// The return's view (app/domain/returns/view.ts) over every state a return can be in: the amount
// and its label, the breakdown adding up to it, the notices, and what each viewer may do.

const FILED = 35_710; // ¥357.10, the demo's case

/** A platform-fault return of one line (2 units) filed at ¥357.10, in `status`. */
function state(overrides: Partial<ReturnState> = {}, units: ReturnState["lines"][number]["units"] = []): ReturnState {
  const filedFen = overrides.filedFen ?? FILED;
  const inspectedFen = overrides.inspectedFen ?? null;
  return {
    status: "REQUESTED",
    fault: "PLATFORM",
    filedFen,
    inspectedFen,
    refundedFen: 0,
    disputeStatus: null,
    computedFen: filedFen,
    lineEffectsFen: filedFen,
    lines: [{ position: 0, quantity: 2, paidFen: filedFen, filedFen, inspectedFen, units }],
    ...overrides,
  };
}

const owner: ReturnViewer = { role: "SHOPPER", isOwner: true, isAssignedAgent: false };
const stranger: ReturnViewer = { role: "SHOPPER", isOwner: false, isAssignedAgent: false };
const agent: ReturnViewer = { role: "AGENT", isOwner: false, isAssignedAgent: true };
const otherAgent: ReturnViewer = { role: "AGENT", isOwner: false, isAssignedAgent: false };
const admin: ReturnViewer = { role: "ADMIN", isOwner: false, isAssignedAgent: false };

const usedZero = [
  { condition: "USED" as const, refundAdjustment: "ZERO" as const, note: "Worn, tags removed" },
  { condition: "MISSING" as const, refundAdjustment: "ZERO" as const, note: "Not in the parcel" },
];
/** Received with both units cut to 0: the tester's case. */
const loweredToZero = (overrides: Partial<ReturnState> = {}) => state({ status: "RECEIVED", inspectedFen: 0, ...overrides }, usedZero);

const keys = (notices: { key: string }[]) => notices.map((notice) => notice.key);
/** The breakdown's lines plus its adjustments: must be the total shown. */
const breakdownTotal = (s: ReturnState) => s.lineEffectsFen + returnView(s, owner).adjustments.reduce((sum, row) => sum + row.fen, 0);

describe("before the parcel arrives", () => {
  test.each(["REQUESTED", "APPROVED", "AWAITING_SHIPMENT", "IN_TRANSIT"] as const)(
    "%s: the refund as filed, the breakdown as filed, nothing to explain",
    (status) => {
      const view = returnView(state({ status }), owner);
      expect(view).toMatchObject({
        stage: "FILED",
        amount: { key: "returns:amount.filed", fen: FILED },
        breakdown: "FILED",
        adjustments: [],
        notices: [],
        canDispute: false,
        canDecide: false,
        dispute: null,
        refundDueFen: 0,
      });
      expect(view.totalKey).toBe("returns:total.filed");
      expect(view.lines).toEqual([
        { position: 0, quantity: 2, paidFen: FILED, filedFen: FILED, refundFen: FILED, lowered: false, dropped: [] },
      ]);
    },
  );

  test("the moves of each viewer: staff of the order approve or reject, the owner may cancel, strangers nothing", () => {
    const requested = state({ status: "REQUESTED" });
    expect(returnView(requested, agent).moves).toEqual(["APPROVED", "REJECTED"]);
    expect(returnView(requested, admin).moves).toEqual(["APPROVED", "REJECTED"]);
    expect(returnView(requested, owner).moves).toEqual(["CANCELLED"]);
    expect(returnView(requested, otherAgent).moves).toEqual([]);
    expect(returnView(requested, stranger).moves).toEqual([]);
    expect(returnView(state({ status: "AWAITING_SHIPMENT" }), owner).moves).toEqual(["IN_TRANSIT", "CANCELLED"]);
  });
});

describe("after inspection", () => {
  test("as claimed: the inspected amount, which the refund move pays", () => {
    const view = returnView(state({ status: "RECEIVED", inspectedFen: FILED }), agent);
    expect(view).toMatchObject({
      stage: "INSPECTED",
      amount: { key: "returns:amount.inspected", fen: FILED },
      breakdown: "FILED",
      moves: ["REFUNDED"],
      refundDueFen: FILED,
      notices: [],
    });
  });

  test("lowered to ¥0.00: 0.00 everywhere, the filed amount only as what was filed, why per unit, and the dispute offered to the owner only", () => {
    const s = loweredToZero();
    const view = returnView(s, owner);
    expect(view.stage).toBe("LOWERED");
    expect(view.amount).toEqual({ key: "returns:amount.lowered", fen: 0, params: { filed: FILED } });
    expect(view.settledFen).toBe(0);
    expect(view.breakdown).toBe("ADJUSTED");
    expect(view.adjustments).toEqual([{ key: "returns:adjustment.inspection", fen: -FILED }]);
    expect(breakdownTotal(s)).toBe(0);
    expect(view.lines).toEqual([
      { position: 0, quantity: 2, paidFen: FILED, filedFen: FILED, refundFen: 0, lowered: true, dropped: usedZero },
    ]);
    expect(view.notices).toEqual([
      { key: "returns:notice.lowered", params: { filed: FILED, amount: 0 }, tone: "warning" },
      { key: "returns:notice.mayDispute", tone: "info" },
    ]);
    expect(view.canDispute).toBe(true);
    expect(view.moves).toEqual([]);

    const agentView = returnView(s, agent);
    expect(agentView.canDispute).toBe(false);
    expect(keys(agentView.notices)).toEqual(["returns:notice.lowered", "returns:notice.shopperMayDispute"]);
    expect(agentView.moves).toEqual(["REFUNDED"]);
    expect(agentView.refundDueFen).toBe(0);
    expect(returnView(s, stranger).canDispute).toBe(false);
  });

  test("the CBEC tax recomputed at arrival: the lines already say it, the inspection row covers only the rest", () => {
    // Filed at 357.10 with the tax back; on arrival the tax (30.00) no longer comes back; one unit cut further.
    const s = state({ status: "RECEIVED", inspectedFen: 20_000, computedFen: FILED - 3_000, lineEffectsFen: FILED - 3_000 });
    expect(returnView(s, owner).adjustments).toEqual([{ key: "returns:adjustment.inspection", fen: 20_000 - (FILED - 3_000) }]);
    expect(breakdownTotal(s)).toBe(20_000);
  });
});

describe("disputes", () => {
  test("filed: no more offer to dispute; the dispute's status shows; the refund waits; an admin may decide", () => {
    const s = loweredToZero({ disputeStatus: "OPEN" });
    const view = returnView(s, owner);
    expect(view.stage).toBe("DISPUTE_OPEN");
    expect(view.canDispute).toBe(false);
    expect(keys(view.notices)).not.toContain("returns:notice.mayDispute");
    expect(keys(view.notices)).toEqual(["returns:notice.lowered", "returns:notice.disputeOpen"]);
    expect(view.dispute).toEqual({ status: "OPEN" });
    expect(view.amount).toMatchObject({ key: "returns:amount.lowered", fen: 0 });
    const agentView = returnView(s, agent);
    expect(agentView.moves).toEqual([]);
    expect(keys(agentView.notices)).toEqual(["returns:notice.lowered", "returns:notice.disputeOpenStaff"]);
    expect(returnView(s, admin)).toMatchObject({ canDecide: true, moves: [] });
    expect(agentView.canDecide).toBe(false);
  });

  test("decided for the shopper: the refund as filed, the adjustments cancel out, the refund move pays it", () => {
    const s = loweredToZero({ disputeStatus: "UPHELD_SHOPPER" });
    const view = returnView(s, agent);
    expect(view).toMatchObject({
      stage: "DECIDED",
      amount: { key: "returns:amount.decided", fen: FILED },
      canDecide: false,
      moves: ["REFUNDED"],
      refundDueFen: FILED,
      dispute: { status: "UPHELD_SHOPPER" },
    });
    expect(view.adjustments).toEqual([
      { key: "returns:adjustment.inspection", fen: -FILED },
      { key: "returns:adjustment.disputeUpheld", fen: FILED },
    ]);
    expect(view.lines[0]).toMatchObject({ refundFen: FILED, lowered: false });
    expect(keys(returnView(s, owner).notices)).toEqual(["returns:notice.lowered", "returns:notice.upheldShopper"]);
    expect(returnView(s, owner).canDispute).toBe(false);
  });

  test("decided for the agent: the inspected amount stands", () => {
    const s = loweredToZero({ disputeStatus: "UPHELD_AGENT" });
    const view = returnView(s, owner);
    expect(view).toMatchObject({
      stage: "DECIDED",
      amount: { key: "returns:amount.decided", fen: 0 },
      canDispute: false,
      adjustments: [{ key: "returns:adjustment.inspection", fen: -FILED }],
    });
    expect(view.notices.at(-1)).toEqual({ key: "returns:notice.upheldAgent", params: { amount: 0 }, tone: "info" });
  });
});

describe("after the refund: what the ledger holds", () => {
  test("nothing refunded: ¥0.00 and not 已退款; the shopper may still dispute", () => {
    const s = loweredToZero({ status: "REFUNDED", refundedFen: 0 });
    const view = returnView(s, owner);
    expect(view).toMatchObject({
      stage: "REFUNDED",
      statusKey: "returns:status.CLOSED_NO_REFUND",
      amount: { key: "returns:amount.refundedNone", fen: 0 },
      canDispute: true,
      moves: [],
    });
    expect(keys(view.notices)).toEqual(["returns:notice.lowered", "returns:notice.mayDispute", "returns:notice.refundedNone"]);
    expect(view.totalKey).toBe("returns:total.refunded");
    expect(breakdownTotal(s)).toBe(0);
  });

  test("refunded in full: the ledger's amount", () => {
    const view = returnView(state({ status: "REFUNDED", inspectedFen: FILED, refundedFen: FILED }), owner);
    expect(view).toMatchObject({
      statusKey: "returns:status.REFUNDED",
      amount: { key: "returns:amount.refunded", fen: FILED },
      breakdown: "FILED",
      notices: [{ key: "returns:notice.refunded", params: { amount: FILED }, tone: "success" }],
    });
  });

  test("capped at what the order still had paid: the ledger's lower amount, with the cap as a row", () => {
    const s = state({ status: "REFUNDED", inspectedFen: FILED, refundedFen: 30_000 });
    const view = returnView(s, owner);
    expect(view.amount.fen).toBe(30_000);
    expect(view.adjustments).toEqual([{ key: "returns:adjustment.refundCap", fen: 30_000 - FILED }]);
    expect(breakdownTotal(s)).toBe(30_000);
  });

  test("disputed after the refund, then decided for the shopper: the rest is paid and shown", () => {
    const open = returnView(state({ status: "REFUNDED", inspectedFen: 10_000, refundedFen: 10_000, disputeStatus: "OPEN" }), owner);
    expect(open).toMatchObject({
      stage: "DISPUTE_OPEN",
      statusKey: "returns:status.REFUNDED",
      amount: { key: "returns:amount.refunded", fen: 10_000 },
      canDispute: false,
    });
    expect(open.notices).toContainEqual({
      key: "returns:notice.disputeOpenAfterRefund",
      params: { amount: 10_000, rest: FILED - 10_000 },
      tone: "info",
    });
    const decided = state({ status: "REFUNDED", inspectedFen: 10_000, refundedFen: FILED, disputeStatus: "UPHELD_SHOPPER" });
    expect(returnView(decided, owner)).toMatchObject({ amount: { key: "returns:amount.refunded", fen: FILED }, canDispute: false });
    expect(breakdownTotal(decided)).toBe(FILED);
  });
});

describe("closed without a refund", () => {
  test.each(["REJECTED", "CANCELLED"] as const)("%s: no refund, no breakdown, nothing to do", (status) => {
    const view = returnView(state({ status }), owner);
    expect(view).toMatchObject({
      stage: status,
      amount: { key: `returns:amount.${status.toLowerCase()}`, fen: 0, params: { filed: FILED } },
      breakdown: "NONE",
      adjustments: [],
      moves: [],
      canDispute: false,
      settledFen: 0,
    });
    expect(view.lines[0]?.refundFen).toBe(0);
  });
});

describe("notifications say the amount that stands", () => {
  test("received as claimed, lowered, refunded, nothing refunded, decisions", () => {
    expect(returnNotice("RECEIVED", state({ status: "RECEIVED", inspectedFen: FILED }))).toEqual({ amountFen: FILED });
    expect(returnNotice("RECEIVED", loweredToZero())).toEqual({ amountFen: 0, context: "lower" });
    expect(returnNotice("REFUNDED", state({ status: "REFUNDED", inspectedFen: FILED, refundedFen: FILED }))).toEqual({ amountFen: FILED });
    expect(returnNotice("REFUNDED", loweredToZero({ status: "REFUNDED" }))).toEqual({ amountFen: 0, context: "none" });
    expect(returnNotice("DISPUTE_DECIDED", loweredToZero({ disputeStatus: "UPHELD_SHOPPER" }))).toEqual({
      amountFen: FILED,
      context: "shopper",
    });
    expect(returnNotice("DISPUTE_DECIDED", loweredToZero({ disputeStatus: "UPHELD_AGENT" }))).toEqual({ amountFen: 0, context: "agent" });
    expect(returnNotice("APPROVED", state({ status: "APPROVED" }))).toEqual({ amountFen: null });
  });
});

describe("the list row and the page agree", () => {
  test("returnAmount and returnStatusKey are what the page shows", () => {
    const s = loweredToZero({ status: "REFUNDED" });
    expect(returnAmount(s)).toEqual(returnView(s, owner).amount);
    expect(returnStatusKey(s)).toBe(returnView(s, owner).statusKey);
  });

  test("amounts are non-negative integer fen", () => {
    expect(() => returnAmount({ ...state(), filedFen: -1 })).toThrow(RangeError);
    expect(() => returnAmount({ ...state(), refundedFen: 1.5 })).toThrow(RangeError);
  });
});

// ---------------------------------------------------------------------------------------------
// Every state at once: whatever the status, amounts, dispute and viewer, the view keeps its promises.

const fen = fc.integer({ min: 0, max: 5_000_000 });
const arbitraryState = fc
  .record({
    status: fc.constantFrom<ReturnStatus>(...RETURN_STATUSES),
    fault: fc.constantFrom("PLATFORM" as const, "SHOPPER" as const),
    filedFen: fen,
    inspectedShare: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: null }),
    refundedShare: fc.double({ min: 0, max: 1, noNaN: true }),
    disputeStatus: fc.constantFrom<DisputeStatus | null>(null, "OPEN", "UPHELD_SHOPPER", "UPHELD_AGENT"),
    cap: fen,
  })
  .map(({ status, fault, filedFen, inspectedShare, refundedShare, disputeStatus, cap }): ReturnState => {
    const inspected = ["RECEIVED", "REFUNDED"].includes(status) && inspectedShare !== null ? Math.round(filedFen * inspectedShare) : null;
    const refunded = status === "REFUNDED" ? Math.round(filedFen * refundedShare) : 0;
    const computedFen = Math.max(0, filedFen - (cap % 500));
    return state({
      status,
      fault,
      filedFen,
      inspectedFen: inspected,
      refundedFen: refunded,
      disputeStatus: inspected === null ? null : disputeStatus,
      computedFen,
      lineEffectsFen: computedFen - (cap % 3),
    });
  });
const arbitraryViewer = fc.constantFrom(owner, stranger, agent, otherAgent, admin);

describe("properties over every state", () => {
  propTest.prop([arbitraryState, arbitraryViewer])(
    "the breakdown adds up to the amount shown, which is never negative and, once refunded, the ledger's",
    (s, viewer) => {
      const view = returnView(s, viewer);
      expect(view.amount.fen).toBeGreaterThanOrEqual(0);
      if (view.breakdown !== "NONE")
        expect(s.lineEffectsFen + view.adjustments.reduce((sum, row) => sum + row.fen, 0)).toBe(view.amount.fen);
      if (s.status === "REFUNDED") expect(view.amount.fen).toBe(s.refundedFen);
      if (s.status === "REJECTED" || s.status === "CANCELLED") expect(view.amount.fen).toBe(0);
      expect(view.adjustments.every((row) => row.fen !== 0)).toBe(true);
    },
  );

  propTest.prop([arbitraryState, arbitraryViewer])(
    "the dispute is offered only to the owner, only once, only when lowered; never a refund while it is open",
    (s, viewer) => {
      const view = returnView(s, viewer);
      if (view.canDispute) {
        expect(viewer).toBe(owner);
        expect(s.disputeStatus).toBeNull();
        expect(s.inspectedFen).not.toBeNull();
        expect(s.inspectedFen ?? 0).toBeLessThan(s.filedFen);
      }
      expect(keys(view.notices).includes("returns:notice.mayDispute")).toBe(view.canDispute);
      if (s.disputeStatus === "OPEN") expect(view.moves).not.toContain("REFUNDED");
      expect(view.canDecide).toBe(viewer.role === "ADMIN" && s.disputeStatus === "OPEN");
      if (viewer === stranger || viewer === otherAgent) expect(view.moves).toEqual([]);
    },
  );
});
