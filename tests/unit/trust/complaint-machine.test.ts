import { describe, expect, test } from "vitest";
import {
  allowedComplaintMoves,
  answerDueAt,
  checkComplaintMove,
  COMPLAINT_TRANSITIONS,
  filingRefusal,
  isAnswerOverdue,
  isUpheld,
  outcomeOf,
  type ComplaintMoveRequest,
} from "~/domain/trust/complaint-machine";

const base: ComplaintMoveRequest = {
  from: "OPEN",
  to: "ANSWERED",
  role: "AGENT",
  isOwner: false,
  isAssignedAgent: true,
  overdue: false,
  paidFen: 50_000,
  payload: { note: "已联系商家补发" },
};
const check = (request: Partial<ComplaintMoveRequest>) => checkComplaintMove({ ...base, ...request });

describe("who moves a complaint where", () => {
  test("the assigned agent answers with a note and photos; another agent may not", () => {
    const answered = check({ payload: { note: "  已联系商家  ", photos: ["a.png"] } });
    expect(answered).toMatchObject({ ok: true, payload: { note: "已联系商家", photos: ["a.png"] } });
    expect(check({ isAssignedAgent: false })).toMatchObject({ ok: false, code: "NOT_ASSIGNED" });
    expect(check({ payload: { note: "  " } })).toMatchObject({ ok: false, code: "MISSING_FIELDS", fields: ["note"] });
  });

  test("the shopper who filed it accepts or escalates an answer; nobody else", () => {
    const accept = { from: "ANSWERED", to: "RESOLVED", role: "SHOPPER", isOwner: true, payload: {} } as const;
    expect(check(accept)).toMatchObject({ ok: true });
    expect(check({ ...accept, isOwner: false })).toMatchObject({ ok: false, code: "NOT_OWNER" });
    expect(check({ ...accept, role: "AGENT" })).toMatchObject({ ok: false, code: "WRONG_ROLE" });
    const escalate = { ...accept, to: "ESCALATED", payload: {} } as const;
    expect(check(escalate)).toMatchObject({ ok: false, code: "MISSING_FIELDS", fields: ["note"] });
    expect(check({ ...escalate, payload: { note: "回复没有解决问题" } })).toMatchObject({ ok: true });
  });

  test("an unanswered complaint escalates only once its answer is overdue", () => {
    const early = { from: "OPEN", to: "ESCALATED", role: "SHOPPER", isOwner: true, payload: { note: "没人理" } } as const;
    expect(check(early)).toMatchObject({ ok: false, code: "NOT_DUE", message: "complaints:errors.notYetDue" });
    expect(check({ ...early, overdue: true })).toMatchObject({ ok: true });
    expect(allowedComplaintMoves("OPEN", "SHOPPER", false)).toEqual(["RESOLVED"]);
    expect(allowedComplaintMoves("OPEN", "SHOPPER", true)).toEqual(["ESCALATED", "RESOLVED"]);
  });

  test("only an admin decides an escalated complaint, and a resolved one moves no more", () => {
    const decide = { from: "ESCALATED", to: "RESOLVED", payload: { outcome: "APOLOGY", note: "代购态度不当" } } as const;
    expect(check({ ...decide, role: "AGENT" })).toMatchObject({ ok: false, code: "WRONG_ROLE" });
    expect(check({ ...decide, role: "ADMIN" })).toMatchObject({ ok: true, payload: { outcome: "APOLOGY", compensationFen: 0 } });
    for (const to of ["OPEN", "ANSWERED", "ESCALATED"] as const)
      expect(check({ from: "RESOLVED", to, role: "ADMIN" })).toMatchObject({ ok: false, code: "NOT_ALLOWED" });
  });
});

describe("the decision", () => {
  const decide = (payload: unknown, paidFen = 50_000) => check({ from: "ESCALATED", to: "RESOLVED", role: "ADMIN", payload, paidFen });

  test("compensation is an exact CNY amount, to the fen", () => {
    expect(decide({ outcome: "COMPENSATION", note: "补偿", compensation: "12.34" })).toMatchObject({
      ok: true,
      payload: { outcome: "COMPENSATION", compensationFen: 1234 },
    });
    for (const bad of ["12.345", "-1", "abc", "1e3"])
      expect(decide({ outcome: "COMPENSATION", note: "补偿", compensation: bad })).toMatchObject({
        ok: false,
        fieldErrors: { compensation: ["complaints:errors.compensationInvalid"] },
      });
  });

  test("compensation needs an amount above zero, no more than what is still paid, and only with that outcome", () => {
    expect(decide({ outcome: "COMPENSATION", note: "补偿", compensation: "" })).toMatchObject({
      fieldErrors: { compensation: ["complaints:errors.compensationRequired"] },
    });
    expect(decide({ outcome: "COMPENSATION", note: "补偿", compensation: "0.00" })).toMatchObject({ ok: false });
    expect(decide({ outcome: "COMPENSATION", note: "补偿", compensation: "500.00" })).toMatchObject({ ok: true });
    expect(decide({ outcome: "COMPENSATION", note: "补偿", compensation: "500.01" })).toMatchObject({
      ok: false,
      code: "OVER_PAID",
    });
    expect(decide({ outcome: "WARNING", note: "警告", compensation: "5" })).toMatchObject({
      fieldErrors: { compensation: ["complaints:errors.compensationWithoutOutcome"] },
    });
    expect(decide({ outcome: "NO_ACTION" })).toMatchObject({ ok: false, fields: ["note"] });
    expect(decide({ outcome: "REFUND", note: "x" })).toMatchObject({ fieldErrors: { outcome: ["complaints:errors.outcomeRequired"] } });
  });

  test("how a move ends a complaint, and which endings count against the agent", () => {
    const rule = (from: string, to: string) => COMPLAINT_TRANSITIONS.find((entry) => entry.from === from && entry.to === to)!;
    expect(outcomeOf(rule("ANSWERED", "RESOLVED"), {})).toBe("ACCEPTED");
    expect(outcomeOf(rule("OPEN", "RESOLVED"), {})).toBe("WITHDRAWN");
    expect(outcomeOf(rule("ESCALATED", "RESOLVED"), { outcome: "WARNING", note: "x", compensationFen: 0 })).toBe("WARNING");
    expect(outcomeOf(rule("OPEN", "ANSWERED"), { note: "x", photos: [] })).toBeNull();
    expect(["NO_ACTION", "APOLOGY", "COMPENSATION", "WARNING", "ACCEPTED", "WITHDRAWN"].filter((o) => isUpheld(o as never))).toEqual([
      "APOLOGY",
      "COMPENSATION",
      "WARNING",
    ]);
  });
});

describe("filing and the answer's due time", () => {
  test("only the order's shopper, once paid, one open complaint at a time", () => {
    const order = { userId: "u1", paidAt: new Date() };
    expect(filingRefusal("u1", order, 0)).toBeNull();
    expect(filingRefusal("u2", order, 0)).toBe("notFound");
    expect(filingRefusal("u1", { userId: "u1", paidAt: null }, 0)).toBe("notPaid");
    expect(filingRefusal("u1", order, 1)).toBe("alreadyOpen");
  });

  test("the answer is due the set hours after filing, and overdue from that instant while still open", () => {
    const filed = new Date("2026-12-01T10:00:00Z");
    const due = answerDueAt(filed, 48);
    expect(due.toISOString()).toBe("2026-12-03T10:00:00.000Z");
    expect(isAnswerOverdue("OPEN", due, new Date(due.getTime() - 1))).toBe(false);
    expect(isAnswerOverdue("OPEN", due, due)).toBe(true);
    expect(isAnswerOverdue("ANSWERED", due, new Date(due.getTime() + 1))).toBe(false);
  });
});
