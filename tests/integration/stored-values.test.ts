import { beforeAll, describe, expect, test } from "vitest";
import { findJobRun } from "~/services/jobs.server";
import { listNotifications, notify } from "~/services/notifications.server";
import { transitionOrder } from "~/services/order-transitions.server";
import { transitionReturn } from "~/services/return-transitions.server";
import { getReturn } from "~/services/returns.server";
import { getWallet, requestTopUp } from "~/services/wallet.server";
import { db } from "~/utils/db.server";
import { asActor, eventCount, placeNewOrder, seedOrderWorld, sessionUser, deposit } from "./order-fixtures";
import { deliveredOrder, file, type Person } from "./returns-fixtures";

// A value in the database the code never writes (a hand edit, a bad migration) stops the request
// with an error naming the table and column, and nothing is written on top of it.

let world: Awaited<ReturnType<typeof seedOrderWorld>>;
let agent: Person;

beforeAll(async () => {
  world = await seedOrderWorld();
  agent = await sessionUser("AGENT");
});

describe("statuses and JSON read back from the database", () => {
  test("an order whose status is unknown cannot be moved: the error names Order.status, nothing is written", async () => {
    const shopper = await sessionUser("SHOPPER");
    await deposit(shopper.id, 200_000);
    const { orderId } = await placeNewOrder(shopper, world.listingId);
    await db.order.update({ where: { id: orderId }, data: { status: "LOST_IN_SPACE" } });
    const { version } = await db.order.findUniqueOrThrow({ where: { id: orderId }, select: { version: true } });
    const events = await eventCount(orderId);
    await expect(transitionOrder(asActor(agent), orderId, { to: "PURCHASING", version })).rejects.toThrow(
      'Order.status holds a value the code does not know: "LOST_IN_SPACE"',
    );
    expect(await db.order.findUniqueOrThrow({ where: { id: orderId }, select: { status: true, version: true } })).toEqual({
      status: "LOST_IN_SPACE",
      version,
    });
    expect(await eventCount(orderId)).toBe(events);
  });

  test("a return whose computation or status is garbage: the page and the move name the column instead of showing wrong money", async () => {
    const { shopper, orderId } = await deliveredOrder(agent, [{ listingId: world.cheapListingId }]);
    const returnId = await file(shopper, orderId, { reason: "CHANGED_MIND", requested: [{ position: 0, quantity: 1 }] });
    const viewer = { id: shopper.id, role: "SHOPPER" as const };
    expect((await getReturn(viewer, returnId))?.status).toBe("REQUESTED");

    const { computation } = await db.returnRequest.findUniqueOrThrow({ where: { id: returnId }, select: { computation: true } });
    await db.returnRequest.update({
      where: { id: returnId },
      data: { computation: JSON.stringify({ ...JSON.parse(computation), refundFen: "lots" }) },
    });
    await expect(getReturn(viewer, returnId)).rejects.toThrow(/ReturnRequest\.computation .* at refundFen/);

    await db.returnRequest.update({ where: { id: returnId }, data: { computation, status: "SOMEWHERE" } });
    const { version } = await db.returnRequest.findUniqueOrThrow({ where: { id: returnId }, select: { version: true } });
    await expect(transitionReturn({ id: agent.id, role: "AGENT" }, returnId, { to: "APPROVED", version })).rejects.toThrow(
      'ReturnRequest.status holds a value the code does not know: "SOMEWHERE"',
    );
    expect(await db.returnEvent.count({ where: { returnId, toStatus: "APPROVED" } })).toBe(0);
  });

  test("a notification whose params are not JSON: the list names Notification.params", async () => {
    const shopper = await sessionUser("SHOPPER");
    const { notificationId } = await db.$transaction((tx) =>
      notify(tx, { userId: shopper.id, email: shopper.email }, "PRICE_DROP", { title: "耳机", total: "9.00", before: null }, "/listings/x"),
    );
    await db.notification.update({ where: { id: notificationId ?? "" }, data: { params: "{broken" } });
    await expect(listNotifications(shopper.id)).rejects.toThrow(/Notification\.params .*\(not JSON\)/);
  });

  test("a job run or a top-up with a status the code never writes: the admin page and the wallet name the column", async () => {
    const run = await db.jobRun.create({ data: { job: "rates", trigger: "CLI", outcome: "OK" }, select: { id: true } });
    expect((await findJobRun(run.id))?.outcome).toBe("OK");
    await db.jobRun.update({ where: { id: run.id }, data: { outcome: "MOSTLY_OK" } });
    await expect(findJobRun(run.id)).rejects.toThrow('JobRun.outcome holds a value the code does not know: "MOSTLY_OK"');

    const shopper = await sessionUser("SHOPPER");
    const topUp = await requestTopUp(shopper.id, 10_000);
    expect((await getWallet(shopper.id)).topUps.map((row) => row.status)).toEqual(["PENDING"]);
    await db.topUp.update({ where: { id: topUp.id }, data: { status: "pending" } });
    await expect(getWallet(shopper.id)).rejects.toThrow('TopUp.status holds a value the code does not know: "pending"');
  });
});
