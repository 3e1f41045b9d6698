import { beforeAll, describe, expect, test } from "vitest";
import { returnTimelineMark } from "~/services/returns.server";
import { db } from "~/utils/db.server";
import { seedOrderWorld, sessionUser } from "./order-fixtures";
import { deliveredOrder, file, IN_TRANSIT, LABEL, step, STORE_ACCEPTED, type Person } from "./returns-fixtures";

// Like an order: every transition of a return is one ReturnEvent, and every one tells the shopper,
// in the app and by mail; the agent learns of a new filing.

let world: Awaited<ReturnType<typeof seedOrderWorld>>;
let agent: Person;

beforeAll(async () => {
  world = await seedOrderWorld();
  agent = await sessionUser("AGENT");
});

const statusEvents = (returnId: string) =>
  db.returnEvent.findMany({
    where: { returnId },
    orderBy: { createdAt: "asc" },
    select: { kind: true, fromStatus: true, toStatus: true, actorRole: true, messageKey: true },
  });
const notifications = (userId: string, returnId: string) =>
  db.notification.findMany({ where: { userId, link: `/returns/${returnId}` }, orderBy: { createdAt: "asc" }, select: { kind: true } });

describe("the timeline", () => {
  test("platform fault from filing to refund: an event per step, the shopper told of each, in the app and by mail", async () => {
    const { shopper, orderId } = await deliveredOrder(agent, [{ listingId: world.listingId }]);
    const returnId = await file(shopper, orderId, { reason: "DAMAGED", requested: [{ position: 0, quantity: 1 }] });
    // The agent learns of the filing.
    expect(await notifications(agent.id, returnId)).toEqual([{ kind: "RETURN_REQUESTED" }]);
    expect(await db.emailOutbox.count({ where: { to: agent.email } })).toBe(1);
    const mailsBefore = await db.emailOutbox.count({ where: { to: shopper.email } });
    const marks = [await returnTimelineMark(shopper, returnId)];

    await step(agent, returnId, "APPROVED");
    await step(agent, returnId, "AWAITING_SHIPMENT", LABEL);
    await step(shopper, returnId, "IN_TRANSIT", IN_TRANSIT);
    await step(agent, returnId, "RECEIVED", { units: [{ position: 0, condition: "AS_CLAIMED" }] });
    marks.push(await returnTimelineMark(shopper, returnId));
    await step(agent, returnId, "REFUNDED");
    marks.push(await returnTimelineMark(shopper, returnId));

    expect(await statusEvents(returnId)).toEqual([
      { kind: "STATUS", fromStatus: null, toStatus: "REQUESTED", actorRole: "SHOPPER", messageKey: "filed" },
      { kind: "STATUS", fromStatus: "REQUESTED", toStatus: "APPROVED", actorRole: "AGENT", messageKey: null },
      { kind: "STATUS", fromStatus: "APPROVED", toStatus: "AWAITING_SHIPMENT", actorRole: "AGENT", messageKey: null },
      { kind: "STATUS", fromStatus: "AWAITING_SHIPMENT", toStatus: "IN_TRANSIT", actorRole: "SHOPPER", messageKey: null },
      { kind: "STATUS", fromStatus: "IN_TRANSIT", toStatus: "RECEIVED", actorRole: "AGENT", messageKey: "inspectedAsClaimed" },
      { kind: "STATUS", fromStatus: "RECEIVED", toStatus: "REFUNDED", actorRole: "AGENT", messageKey: null },
      { kind: "MONEY", fromStatus: null, toStatus: null, actorRole: "SYSTEM", messageKey: "refunded" },
    ]);
    expect(await notifications(shopper.id, returnId)).toEqual([
      { kind: "RETURN_APPROVED" },
      { kind: "RETURN_AWAITING_SHIPMENT" },
      { kind: "RETURN_IN_TRANSIT" },
      { kind: "RETURN_RECEIVED" },
      { kind: "RETURN_REFUNDED" },
    ]);
    const mails = await db.emailOutbox.findMany({
      where: { to: shopper.email },
      orderBy: { createdAt: "asc" },
      skip: mailsBefore,
      select: { subject: true, body: true },
    });
    expect(mails).toHaveLength(5);
    const { number } = await db.returnRequest.findUniqueOrThrow({ where: { id: returnId }, select: { number: true } });
    for (const mail of mails) {
      expect(mail.body).toContain(`/returns/${returnId}`);
      expect(mail.body).toContain(number);
    }
    // The refund mail says how much, in CNY.
    const { refundedFen } = await db.returnRequest.findUniqueOrThrow({ where: { id: returnId }, select: { refundedFen: true } });
    const refundedNote = await db.notification.findFirstOrThrow({
      where: { userId: shopper.id, kind: "RETURN_REFUNDED" },
      select: { params: true },
    });
    expect(JSON.parse(refundedNote.params)).toMatchObject({ amount: (refundedFen / 100).toFixed(2) });
    // The live feed's mark moves with every change.
    expect(new Set(marks).size).toBe(3);
    // The event carries the carrier and tracking for the page.
    const transit = await db.returnEvent.findFirstOrThrow({ where: { returnId, toStatus: "IN_TRANSIT" }, select: { params: true } });
    expect(JSON.parse(transit.params)).toEqual(IN_TRANSIT);
  });

  test("shopper fault, rejection and cancellation are on the timeline and told too", async () => {
    const { shopper, orderId } = await deliveredOrder(agent, [{ listingId: world.cheapListingId, quantity: 3 }]);
    const rejected = await file(shopper, orderId, { reason: "CHANGED_MIND", requested: [{ position: 0, quantity: 1 }] });
    await step(agent, rejected, "REJECTED", { note: "Opened software cannot go back" });
    const cancelled = await file(shopper, orderId, { reason: "SIZE_FIT", requested: [{ position: 0, quantity: 1 }] });
    await step(agent, cancelled, "APPROVED");
    await step(agent, cancelled, "AWAITING_SHIPMENT", STORE_ACCEPTED);
    await step(shopper, cancelled, "CANCELLED", { note: "Kept it after all" });

    expect((await statusEvents(rejected)).map((event) => event.toStatus)).toEqual(["REQUESTED", "REJECTED"]);
    expect((await statusEvents(cancelled)).map((event) => event.toStatus)).toEqual([
      "REQUESTED",
      "APPROVED",
      "AWAITING_SHIPMENT",
      "CANCELLED",
    ]);
    expect(await notifications(shopper.id, rejected)).toEqual([{ kind: "RETURN_REJECTED" }]);
    expect(await notifications(shopper.id, cancelled)).toEqual([
      { kind: "RETURN_APPROVED" },
      { kind: "RETURN_AWAITING_SHIPMENT" },
      { kind: "RETURN_CANCELLED" },
    ]);
    expect(await db.emailOutbox.count({ where: { to: shopper.email, body: { contains: `/returns/${rejected}` } } })).toBe(1);
  });

  test("a refused move writes no event and tells no one", async () => {
    const { shopper, orderId } = await deliveredOrder(agent, [{ listingId: world.cheapListingId }]);
    const returnId = await file(shopper, orderId, { reason: "CHANGED_MIND", requested: [{ position: 0, quantity: 1 }] });
    const counts = async () => [
      await db.returnEvent.count({ where: { returnId } }),
      await db.notification.count(),
      await db.emailOutbox.count(),
    ];
    const before = await counts();
    await expect(step(agent, returnId, "REFUNDED")).rejects.toThrow("NOT_ALLOWED");
    await expect(step(agent, returnId, "REJECTED", {})).rejects.toThrow("MISSING_FIELDS");
    expect(await counts()).toEqual(before);
  });
});
