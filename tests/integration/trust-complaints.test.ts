import { beforeAll, describe, expect, test } from "vitest";
import { moveComplaint } from "~/services/complaint-moves.server";
import { fileComplaint, getComplaint, listComplaints } from "~/services/complaints.server";
import { getStoreCredit } from "~/services/credit.server";
import { db } from "~/utils/db.server";
import { seedOrderWorld, sessionUser, wallet } from "./order-fixtures";
import { deliveredOrder, type Person } from "./returns-fixtures";

// Complaints through the service on a real database (SQLite and PostgreSQL): filing, the agent's
// answer, escalation and arbitration with compensation to the fen, access and bad input.

let world: Awaited<ReturnType<typeof seedOrderWorld>>;
let owner: Person;
let stranger: Person;
let agent: Person;
let admin: Person;

const actor = (person: Person) => ({ id: person.id, role: person.role });
const version = async (id: string) => (await db.complaint.findUniqueOrThrow({ where: { id }, select: { version: true } })).version;
const step = async (person: Person, id: string, to: "ANSWERED" | "ESCALATED" | "RESOLVED", payload: unknown) =>
  moveComplaint(actor(person), id, { to, version: await version(id), payload });

async function filed(orderId: string) {
  const outcome = await fileComplaint(owner, orderId, { category: "SLOW_PROCUREMENT", description: "三天没有采购" }, []);
  if (!outcome.ok) throw new Error(outcome.reason);
  return outcome.complaintId;
}

beforeAll(async () => {
  world = await seedOrderWorld();
  [owner, stranger, agent, admin] = await Promise.all([
    sessionUser("SHOPPER"),
    sessionUser("SHOPPER"),
    sessionUser("AGENT"),
    sessionUser("ADMIN"),
  ]);
});

describe("a complaint from filing to arbitration", () => {
  test("escalated after an answer, an admin awards ¥12.34 and the wallet has exactly that more", async () => {
    const { orderId } = await deliveredOrder(agent, [{ listingId: world.listingId }], { shopper: owner });
    const id = await filed(orderId);
    const row = await db.complaint.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ status: "OPEN", userId: owner.id, agentId: agent.id, category: "SLOW_PROCUREMENT" });
    expect(row.answerDueAt.getTime() - row.createdAt.getTime()).toBe(48 * 3_600_000);
    expect(await db.notification.count({ where: { userId: agent.id, kind: "COMPLAINT_FILED" } })).toBe(1);

    // A second complaint on the same order waits until this one is resolved.
    expect(await fileComplaint(owner, orderId, { category: "OTHER", description: "再投诉" }, [])).toEqual({
      ok: false,
      reason: "alreadyOpen",
    });
    expect(await step(agent, id, "ANSWERED", { note: "  " })).toMatchObject({ ok: false, code: "MISSING_FIELDS" });
    expect(await step(agent, id, "ANSWERED", { note: "商家缺货，已改从官网购买" })).toEqual({ ok: true, status: "ANSWERED" });
    expect(await step(owner, id, "ESCALATED", { note: "没有解决" })).toEqual({ ok: true, status: "ESCALATED" });

    const before = await wallet(owner.id);
    expect(await step(agent, id, "RESOLVED", { outcome: "COMPENSATION", note: "x", compensation: "12.34" })).toMatchObject({
      ok: false,
      code: "WRONG_ROLE",
    });
    expect(await step(admin, id, "RESOLVED", { outcome: "COMPENSATION", note: "补偿延误", compensation: "12.34" })).toEqual({
      ok: true,
      status: "RESOLVED",
    });
    const after = await wallet(owner.id);
    expect(after.balanceFen - before.balanceFen).toBe(1234);
    expect(after.ledgerFen).toBe(after.balanceFen);
    const entry = await db.walletEntry.findUniqueOrThrow({ where: { complaintId: id } });
    expect(entry).toMatchObject({ kind: "COMPENSATION", amountFen: 1234, orderId, userId: owner.id });

    const detail = await getComplaint(owner, id);
    expect(detail).toMatchObject({ status: "RESOLVED", outcome: "COMPENSATION", compensation: "12.34", moves: [] });
    expect(detail?.events.map((event) => event.toStatus ?? event.kind)).toEqual(["OPEN", "ANSWERED", "ESCALATED", "RESOLVED", "MONEY"]);
    expect(await db.notification.count({ where: { userId: owner.id, kind: "COMPLAINT_RESOLVED_COMPENSATION" } })).toBe(1);
    // The store's public credit counts the upheld complaint (and only upheld ones).
    expect((await getStoreCredit("us-audio"))?.complaintsUpheld).toBe(1);
  });

  test("two admins deciding at once credit the compensation once", async () => {
    const { orderId } = await deliveredOrder(agent, [{ listingId: world.listingId }], { shopper: owner });
    const id = await filed(orderId);
    await step(agent, id, "ANSWERED", { note: "已处理" });
    await step(owner, id, "ESCALATED", { note: "不满意" });
    const before = await wallet(owner.id);
    const at = await version(id);
    const decide = () =>
      moveComplaint(actor(admin), id, {
        to: "RESOLVED",
        version: at,
        payload: { outcome: "COMPENSATION", note: "补偿", compensation: "5.00" },
      });
    const outcomes = await Promise.all([decide(), decide(), decide()]);
    expect(outcomes.filter((outcome) => outcome.ok)).toHaveLength(1);
    expect(outcomes.filter((outcome) => !outcome.ok).map((outcome) => !outcome.ok && outcome.code)).toEqual(["CONFLICT", "CONFLICT"]);
    expect((await wallet(owner.id)).balanceFen - before.balanceFen).toBe(500);
    expect(await db.walletEntry.count({ where: { complaintId: id } })).toBe(1);
  });
});

describe("access and bad input", () => {
  test("another shopper sees no complaint and cannot file on the order; an unassigned agent cannot answer", async () => {
    const { orderId } = await deliveredOrder(agent, [{ listingId: world.listingId }], { shopper: owner });
    const id = await filed(orderId);
    expect(await getComplaint(stranger, id)).toBeNull();
    expect(await listComplaints(stranger)).toEqual([]);
    expect(await fileComplaint(stranger, orderId, { category: "OTHER", description: "x" }, [])).toEqual({ ok: false, reason: "notFound" });
    expect(await step(stranger, id, "RESOLVED", {})).toMatchObject({ ok: false, code: "NOT_FOUND" });
    const other = await sessionUser("AGENT");
    expect(await getComplaint(other, id)).toBeNull();
    expect(await step(other, id, "ANSWERED", { note: "我来" })).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect((await listComplaints(agent)).map((row) => row.id)).toContain(id);
  });

  test("an unpaid order takes no complaint; escalation before the due time is refused; compensation above the paid amount writes nothing", async () => {
    const { orderId } = await deliveredOrder(agent, [{ listingId: world.listingId }], { shopper: owner });
    const id = await filed(orderId);
    expect(await step(owner, id, "ESCALATED", { note: "没人理" })).toMatchObject({ ok: false, code: "NOT_DUE" });
    const later = new Date(Date.now() + 49 * 3_600_000);
    expect(
      await moveComplaint(actor(owner), id, { to: "ESCALATED", version: await version(id), payload: { note: "没人理" } }, later),
    ).toEqual({
      ok: true,
      status: "ESCALATED",
    });
    const { paidFen } = await db.order.findUniqueOrThrow({ where: { id: orderId }, select: { paidFen: true } });
    const tooMuch = ((paidFen + 1) / 100).toFixed(2);
    const before = await wallet(owner.id);
    expect(await step(admin, id, "RESOLVED", { outcome: "COMPENSATION", note: "补偿", compensation: tooMuch })).toMatchObject({
      ok: false,
      code: "OVER_PAID",
    });
    expect(await wallet(owner.id)).toEqual(before);
    expect((await db.complaint.findUniqueOrThrow({ where: { id } })).status).toBe("ESCALATED");

    // An order not yet paid (as it stands between checkout and payment).
    const pending = await deliveredOrder(agent, [{ listingId: world.listingId }], { shopper: owner, until: "PAID" });
    await db.order.update({ where: { id: pending.orderId }, data: { status: "PENDING_PAYMENT", paidAt: null } });
    expect(await fileComplaint(owner, pending.orderId, { category: "OTHER", description: "x" }, [])).toEqual({
      ok: false,
      reason: "notPaid",
    });
    expect(await db.complaint.count({ where: { orderId: pending.orderId } })).toBe(0);
  });
});
