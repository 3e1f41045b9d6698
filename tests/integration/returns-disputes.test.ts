import { beforeAll, describe, expect, test } from "vitest";
import { action as returnAction, loader as returnLoader } from "~/routes/returns.$id";
import { loader as photoLoader } from "~/routes/returns.$id.photos.$name";
import { decideDispute, disputeReturn, transitionReturn } from "~/services/return-transitions.server";
import { db } from "~/utils/db.server";
import { formRequest, getRequest, respond } from "./helpers";
import { seedOrderWorld, sessionUser } from "./order-fixtures";
import {
  args,
  deliveredOrder,
  file,
  multipartRequest,
  pngFile,
  refunds,
  returnRow,
  step,
  storedPhoto,
  toReceived,
  type Person,
} from "./returns-fixtures";

// A received condition that lowers the refund may be disputed by the shopper (and only then); the
// refund waits while the dispute is open; an admin decides with both sides' photos; the decision is
// final and recorded.

let world: Awaited<ReturnType<typeof seedOrderWorld>>;
let agent: Person;
let admin: Person;

beforeAll(async () => {
  world = await seedOrderWorld();
  [agent, admin] = await Promise.all([sessionUser("AGENT"), sessionUser("ADMIN")]);
});

/** A damaged unit filed with a photo, which the agent finds used: its refund lowered to the shopper-fault amount. */
async function lowered() {
  const { shopper, orderId, totalFen } = await deliveredOrder(agent, [{ listingId: world.cheapListingId }]);
  const returnId = await file(shopper, orderId, { reason: "DAMAGED", requested: [{ position: 0, quantity: 1 }] });
  const agentPhoto = await storedPhoto();
  await toReceived(agent, returnId, {
    units: [
      {
        position: 0,
        condition: "USED",
        refundAdjustment: "SHOPPER_FAULT",
        note: "Scratches from use, not transport",
        photos: [agentPhoto],
      },
    ],
  });
  const row = await returnRow(returnId);
  expect(row.quotedRefundFen).toBe(totalFen);
  expect(row.inspectedRefundFen).toBeLessThan(totalFen);
  return { shopper, orderId, returnId, filedFen: row.quotedRefundFen, inspectedFen: row.inspectedRefundFen ?? -1, agentPhoto };
}

const post = (cookie: string, returnId: string, fields: Record<string, string>) =>
  respond(() => returnAction(args(formRequest(`/returns/${returnId}`, fields, { cookie }), { id: returnId })));

async function refundNow(returnId: string) {
  const { version } = await returnRow(returnId);
  return transitionReturn({ id: agent.id, role: "AGENT" }, returnId, { to: "REFUNDED", version });
}

describe("disputing", () => {
  test("the shopper sees the lowered refund and why, and disputes it with a photo of their own", async () => {
    const { shopper, returnId, filedFen, inspectedFen, agentPhoto } = await lowered();
    const page = await respond(() => returnLoader(args(getRequest(`/returns/${returnId}`, shopper.cookie), { id: returnId })));
    const body = (await page.json()) as {
      view: { canDispute: boolean };
      entry: { inspectedRefundFen: number; quotedRefundFen: number; items: { conditionNote: string }[] };
    };
    expect(body.view.canDispute).toBe(true);
    expect(body.entry).toMatchObject({
      quotedRefundFen: filedFen,
      inspectedRefundFen: inspectedFen,
      items: [{ conditionNote: "Scratches from use, not transport" }],
    });
    // The agent's photo is the shopper's to see.
    expect(
      (
        await respond(() =>
          photoLoader(args(getRequest(`/returns/${returnId}/photos/${agentPhoto}`, shopper.cookie), { id: returnId, name: agentPhoto })),
        )
      ).status,
    ).toBe(200);

    const disputed = await respond(() =>
      returnAction(
        args(
          multipartRequest(
            `/returns/${returnId}`,
            { intent: "dispute", note: "The scratches were there on arrival, see my unboxing photo" },
            { photos: [pngFile("unboxing.png")] },
            shopper.cookie,
          ),
          { id: returnId },
        ),
      ),
    );
    expect(disputed.status).toBe(302);
    const row = await returnRow(returnId);
    expect(row).toMatchObject({
      status: "RECEIVED",
      disputeStatus: "OPEN",
      disputeNote: "The scratches were there on arrival, see my unboxing photo",
    });
    const event = await db.returnEvent.findFirstOrThrow({ where: { returnId, kind: "DISPUTE" } });
    expect(event).toMatchObject({ actorRole: "SHOPPER", messageKey: "disputed" });
    const [shopperPhoto] = JSON.parse(event.attachments) as string[];
    expect(shopperPhoto).toMatch(/^[a-f0-9]{32}\.png$/);
    // The admin sees both sides' photos, and is told about the dispute.
    for (const name of [agentPhoto, shopperPhoto ?? ""]) {
      expect(
        (await respond(() => photoLoader(args(getRequest(`/returns/${returnId}/photos/${name}`, admin.cookie), { id: returnId, name }))))
          .status,
      ).toBe(200);
    }
    expect(await db.notification.count({ where: { userId: admin.id, kind: "RETURN_DISPUTED", link: `/returns/${returnId}` } })).toBe(1);
    const adminPage = (await (
      await respond(() => returnLoader(args(getRequest(`/returns/${returnId}`, admin.cookie), { id: returnId })))
    ).json()) as { view: { canDecide: boolean } };
    expect(adminPage.view.canDecide).toBe(true);
  });

  test("only when the inspection lowered the refund, only once, only by the shopper", async () => {
    // As claimed: nothing to dispute.
    const { shopper, orderId } = await deliveredOrder(agent, [{ listingId: world.cheapListingId, quantity: 2 }]);
    const asClaimed = await file(shopper, orderId, { reason: "DAMAGED", requested: [{ position: 0, quantity: 1 }] });
    expect(await disputeReturn(shopper, asClaimed, "I want more", [])).toEqual({ ok: false, reason: "notDisputable" });
    await toReceived(agent, asClaimed);
    const refused = await post(shopper.cookie, asClaimed, { intent: "dispute", note: "I want more" });
    expect(refused.status).toBe(409);
    expect(await refused.json()).toEqual({ error: "returns:errors.notDisputable" });
    expect((await returnRow(asClaimed)).disputeStatus).toBeNull();

    const { shopper: owner, returnId } = await lowered();
    const stranger = await sessionUser("SHOPPER");
    expect((await post(stranger.cookie, returnId, { intent: "dispute", note: "Not mine but still" })).status).toBe(404);
    expect((await post(owner.cookie, returnId, { intent: "dispute", note: "   " })).status).toBe(400);
    expect((await returnRow(returnId)).disputeStatus).toBeNull();
    expect((await post(owner.cookie, returnId, { intent: "dispute", note: "It was like that on arrival" })).status).toBe(302);
    expect((await post(owner.cookie, returnId, { intent: "dispute", note: "Again" })).status).toBe(409);
    expect(await db.returnEvent.count({ where: { returnId, kind: "DISPUTE" } })).toBe(1);
  });

  test("while the dispute is open the refund is blocked, with a message and nothing written", async () => {
    const { shopper, returnId } = await lowered();
    expect(await disputeReturn(shopper, returnId, "It was like that on arrival", [])).toEqual({ ok: true });
    expect(await refundNow(returnId)).toEqual({ ok: false, code: "DISPUTE_OPEN", message: "returns:errors.disputeOpen" });
    const { version } = await returnRow(returnId);
    const response = await post(agent.cookie, returnId, { intent: "transition", to: "REFUNDED", version: String(version) });
    expect(response.status).toBe(409);
    expect(await response.json()).toMatchObject({ move: { message: "returns:errors.disputeOpen" } });
    expect(await refunds(returnId)).toEqual([]);
    expect((await returnRow(returnId)).status).toBe("RECEIVED");
  });
});

describe("the admin's decision", () => {
  test("UPHELD_SHOPPER: the refund as filed is paid", async () => {
    const { shopper, returnId, filedFen } = await lowered();
    await disputeReturn(shopper, returnId, "It was like that on arrival", []);
    expect(
      (await post(admin.cookie, returnId, { intent: "decide", outcome: "UPHELD_SHOPPER", note: "Unboxing photo shows the scratches" }))
        .status,
    ).toBe(302);
    expect(await returnRow(returnId)).toMatchObject({
      disputeStatus: "UPHELD_SHOPPER",
      disputeDecision: "Unboxing photo shows the scratches",
      disputeDecidedById: admin.id,
    });
    await step(agent, returnId, "REFUNDED");
    expect((await refunds(returnId)).map((entry) => entry.amountFen)).toEqual([filedFen]);
    expect((await returnRow(returnId)).refundedFen).toBe(filedFen);
  });

  test("refunded at the inspected amount before the shopper disputed: a decision for the shopper pays the rest, once", async () => {
    const { shopper, orderId, returnId, filedFen, inspectedFen } = await lowered();
    await step(agent, returnId, "REFUNDED");
    expect((await refunds(returnId)).map((entry) => entry.amountFen)).toEqual([inspectedFen]);
    expect(await disputeReturn(shopper, returnId, "It was like that on arrival", [])).toEqual({ ok: true });
    expect(await decideDispute(admin, returnId, "UPHELD_SHOPPER", "Unboxing photo shows the scratches")).toEqual({ ok: true });
    expect((await refunds(returnId)).map((entry) => entry.amountFen)).toEqual([inspectedFen, filedFen - inspectedFen]);
    expect((await returnRow(returnId)).refundedFen).toBe(filedFen);
    expect((await db.order.findUniqueOrThrow({ where: { id: orderId } })).paidFen).toBe(0);
    expect(await decideDispute(admin, returnId, "UPHELD_SHOPPER", "again")).toEqual({ ok: false, reason: "notOpen" });
    expect((await refunds(returnId)).length).toBe(2);
  });

  test("UPHELD_AGENT: the inspected refund is paid", async () => {
    const { shopper, returnId, inspectedFen } = await lowered();
    await disputeReturn(shopper, returnId, "It was like that on arrival", []);
    expect(await decideDispute(admin, returnId, "UPHELD_AGENT", "Wear marks are consistent with use")).toEqual({ ok: true });
    await step(agent, returnId, "REFUNDED");
    expect((await refunds(returnId)).map((entry) => entry.amountFen)).toEqual([inspectedFen]);
  });

  test("the decision is final and recorded: an event, an audit entry, the shopper told; a second decision is refused", async () => {
    const { shopper, returnId } = await lowered();
    await disputeReturn(shopper, returnId, "It was like that on arrival", []);
    expect(await decideDispute(admin, returnId, "UPHELD_SHOPPER", "Photos convince")).toEqual({ ok: true });
    expect(await decideDispute(admin, returnId, "UPHELD_AGENT", "Changed my mind")).toEqual({ ok: false, reason: "notOpen" });
    const again = await post(admin.cookie, returnId, { intent: "decide", outcome: "UPHELD_AGENT", note: "Changed my mind" });
    expect(again.status).toBe(409);
    expect(await again.json()).toEqual({ error: "returns:errors.disputeClosed" });
    expect(await returnRow(returnId)).toMatchObject({ disputeStatus: "UPHELD_SHOPPER", disputeDecision: "Photos convince" });
    expect(
      await db.returnEvent.findMany({
        where: { returnId, kind: "DISPUTE", actorRole: "ADMIN" },
        select: { messageKey: true, note: true, actorId: true },
      }),
    ).toEqual([{ messageKey: "disputeShopper", note: "Photos convince", actorId: admin.id }]);
    const audit = await db.auditLog.findMany({
      where: { entityId: returnId, action: "decide-dispute" },
      select: { actorId: true, entity: true, after: true },
    });
    expect(audit).toEqual([
      { actorId: admin.id, entity: "ReturnRequest", after: JSON.stringify({ outcome: "UPHELD_SHOPPER", note: "Photos convince" }) },
    ]);
    expect(await db.notification.count({ where: { userId: shopper.id, kind: "RETURN_DISPUTE_DECIDED" } })).toBe(1);
    // Nor can the shopper open a new dispute after the decision.
    expect(await disputeReturn(shopper, returnId, "Once more", [])).toEqual({ ok: false, reason: "notDisputable" });
  });

  test("two admins deciding at once: one decision", async () => {
    const { shopper, returnId } = await lowered();
    await disputeReturn(shopper, returnId, "It was like that on arrival", []);
    const other = await sessionUser("ADMIN");
    const outcomes = await Promise.all([
      decideDispute(admin, returnId, "UPHELD_SHOPPER", "Yes"),
      decideDispute(other, returnId, "UPHELD_AGENT", "No"),
    ]);
    expect(outcomes.filter((outcome) => outcome.ok)).toHaveLength(1);
    expect(await db.auditLog.count({ where: { entityId: returnId, action: "decide-dispute" } })).toBe(1);
  });

  test("only an admin decides: the shopper and the agent get 403, nothing changes", async () => {
    const { shopper, returnId } = await lowered();
    await disputeReturn(shopper, returnId, "It was like that on arrival", []);
    for (const cookie of [shopper.cookie, agent.cookie]) {
      expect((await post(cookie, returnId, { intent: "decide", outcome: "UPHELD_SHOPPER", note: "Mine" })).status).toBe(403);
    }
    const invalid = await post(admin.cookie, returnId, { intent: "decide", outcome: "SPLIT", note: "Half" });
    expect(invalid.status).toBe(400);
    expect(await invalid.json()).toEqual({ error: "returns:errors.disputeOutcomeRequired" });
    expect((await returnRow(returnId)).disputeStatus).toBe("OPEN");
  });
});
