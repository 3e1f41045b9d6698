import { beforeAll, describe, expect, test, vi } from "vitest";
import { action as returnAction } from "~/routes/returns.$id";
import { paymentProvider } from "~/services/payments.server";
import { transitionReturn } from "~/services/return-transitions.server";
import { ledgerSum } from "~/services/wallet.server";
import { db } from "~/utils/db.server";
import { formRequest, respond } from "./helpers";
import { balanceOf, seedOrderWorld, sessionUser } from "./order-fixtures";
import {
  args,
  deliveredOrder,
  file,
  IN_TRANSIT,
  LABEL,
  multipartRequest,
  pngFile,
  refunds,
  returnRow,
  step,
  STORE_ACCEPTED,
  storedFiles,
  storedPhoto,
  toInTransit,
  toReceived,
  type Person,
} from "./returns-fixtures";

// The agent's side: approve or reject with a reason, the store's acceptance (shopper fault) or the
// label (platform fault), carrier and tracking, the condition per unit, and the refund: one ledger
// entry linked to the return, written with the REFUNDED status, once.

let world: Awaited<ReturnType<typeof seedOrderWorld>>;
let agent: Person;
let admin: Person;

beforeAll(async () => {
  world = await seedOrderWorld();
  [agent, admin] = await Promise.all([sessionUser("AGENT"), sessionUser("ADMIN")]);
});

async function moveOutcome(actor: Person, returnId: string, to: Parameters<typeof transitionReturn>[2]["to"], payload: unknown = {}) {
  const { version } = await returnRow(returnId);
  return transitionReturn({ id: actor.id, role: actor.role }, returnId, { to, version, payload });
}

async function unchanged(returnId: string, run: () => Promise<unknown>) {
  const before = await returnRow(returnId);
  const events = await db.returnEvent.count({ where: { returnId } });
  await run();
  expect(await returnRow(returnId)).toEqual(before);
  expect(await db.returnEvent.count({ where: { returnId } })).toBe(events);
}

async function filedReturn(reason: "CHANGED_MIND" | "DAMAGED", quantity = 1) {
  const { shopper, orderId, totalFen } = await deliveredOrder(agent, [{ listingId: world.cheapListingId, quantity }]);
  const returnId = await file(shopper, orderId, { reason, requested: [{ position: 0, quantity }] });
  return { shopper, orderId, totalFen, returnId };
}

describe("approve or reject", () => {
  test("rejecting needs a reason, which the shopper sees; the units may then be filed again", async () => {
    const { shopper, orderId, returnId } = await filedReturn("CHANGED_MIND");
    await unchanged(returnId, async () => {
      expect(await moveOutcome(agent, returnId, "REJECTED", { note: "  " })).toMatchObject({
        ok: false,
        code: "MISSING_FIELDS",
        fieldErrors: { note: ["returns:errors.noteRequired"] },
      });
    });
    expect(await moveOutcome(agent, returnId, "REJECTED", { note: "The seal is broken on the photos" })).toEqual({
      ok: true,
      status: "REJECTED",
    });
    expect(await returnRow(returnId)).toMatchObject({ status: "REJECTED", rejectionReason: "The seal is broken on the photos" });
    expect(await db.returnEvent.findFirst({ where: { returnId, toStatus: "REJECTED" }, select: { note: true, actorRole: true } })).toEqual({
      note: "The seal is broken on the photos",
      actorRole: "AGENT",
    });
    // Rejected is final for this return, and it holds no units any more.
    expect(await moveOutcome(agent, returnId, "APPROVED")).toMatchObject({ ok: false, code: "NOT_ALLOWED" });
    await file(shopper, orderId, { reason: "DAMAGED", requested: [{ position: 0, quantity: 1 }] });
  });

  test("the shopper cannot approve their own return; another agent cannot touch it", async () => {
    const { shopper, returnId } = await filedReturn("CHANGED_MIND");
    const otherAgent = await sessionUser("AGENT");
    await unchanged(returnId, async () => {
      expect(await moveOutcome(shopper, returnId, "APPROVED")).toMatchObject({
        ok: false,
        code: "WRONG_ROLE",
        message: "returns:errors.wrongRole",
      });
      expect(await moveOutcome(otherAgent, returnId, "APPROVED")).toMatchObject({ ok: false, code: "NOT_FOUND" });
    });
    expect(await moveOutcome(admin, returnId, "APPROVED", { note: "fine" })).toEqual({ ok: true, status: "APPROVED" });
  });
});

describe("before the parcel leaves", () => {
  test("shopper fault: AWAITING_SHIPMENT only once the agent confirms the foreign store accepts the return", async () => {
    const { returnId } = await filedReturn("CHANGED_MIND");
    await step(agent, returnId, "APPROVED");
    await unchanged(returnId, async () => {
      expect(await moveOutcome(agent, returnId, "AWAITING_SHIPMENT", { note: "Store said yes" })).toMatchObject({
        ok: false,
        code: "MISSING_FIELDS",
        fieldErrors: { storeAccepted: ["returns:errors.storeAcceptanceRequired"] },
      });
      // A label is not what a shopper-fault return needs.
      expect(await moveOutcome(agent, returnId, "AWAITING_SHIPMENT", LABEL)).toMatchObject({ ok: false, code: "MISSING_FIELDS" });
    });
    await step(agent, returnId, "AWAITING_SHIPMENT", STORE_ACCEPTED);
    expect(await returnRow(returnId)).toMatchObject({ status: "AWAITING_SHIPMENT", storeAccepted: true, labelReference: null });
  });

  test("the foreign store refuses after approval: the agent rejects with its reason", async () => {
    const { returnId } = await filedReturn("CHANGED_MIND");
    await step(agent, returnId, "APPROVED");
    await step(agent, returnId, "REJECTED", { note: "The store does not take back opened headphones" });
    expect(await returnRow(returnId)).toMatchObject({
      status: "REJECTED",
      rejectionReason: "The store does not take back opened headphones",
    });
  });

  test("platform fault: AWAITING_SHIPMENT needs the label the platform issues", async () => {
    const { returnId } = await filedReturn("DAMAGED");
    await step(agent, returnId, "APPROVED");
    await unchanged(returnId, async () => {
      expect(await moveOutcome(agent, returnId, "AWAITING_SHIPMENT", STORE_ACCEPTED)).toMatchObject({
        ok: false,
        code: "MISSING_FIELDS",
        fieldErrors: { labelReference: ["returns:errors.labelRequired"] },
      });
      expect(await moveOutcome(agent, returnId, "AWAITING_SHIPMENT", { carrier: "UPS" })).toMatchObject({
        ok: false,
        fieldErrors: { trackingNumber: ["returns:errors.trackingRequired"] },
      });
    });
    await step(agent, returnId, "AWAITING_SHIPMENT", LABEL);
    expect(await returnRow(returnId)).toMatchObject({ status: "AWAITING_SHIPMENT", carrier: "UPS", trackingNumber: "1Z999AA10123456784" });
  });

  test("the shopper may cancel before IN_TRANSIT, not after", async () => {
    const { shopper, returnId } = await filedReturn("DAMAGED");
    await step(agent, returnId, "APPROVED");
    await step(agent, returnId, "AWAITING_SHIPMENT", LABEL);
    const cancellable = await filedReturn("CHANGED_MIND");
    await step(cancellable.shopper, cancellable.returnId, "CANCELLED");
    expect((await returnRow(cancellable.returnId)).status).toBe("CANCELLED");
    await step(shopper, returnId, "IN_TRANSIT", IN_TRANSIT);
    await unchanged(returnId, async () => {
      expect(await moveOutcome(shopper, returnId, "CANCELLED")).toMatchObject({ ok: false, code: "NOT_ALLOWED" });
    });
  });
});

describe("on the way back", () => {
  test("IN_TRANSIT needs carrier and tracking; the shopper or the agent may enter them", async () => {
    const byShopper = await filedReturn("CHANGED_MIND");
    await step(agent, byShopper.returnId, "APPROVED");
    await step(agent, byShopper.returnId, "AWAITING_SHIPMENT", STORE_ACCEPTED);
    await unchanged(byShopper.returnId, async () => {
      expect(await moveOutcome(byShopper.shopper, byShopper.returnId, "IN_TRANSIT", { carrier: "EMS" })).toMatchObject({
        ok: false,
        fieldErrors: { trackingNumber: ["returns:errors.trackingRequired"] },
      });
      expect(
        await moveOutcome(byShopper.shopper, byShopper.returnId, "IN_TRANSIT", { carrier: "EMS", trackingNumber: "EB 123; DROP" }),
      ).toMatchObject({
        ok: false,
        fieldErrors: { trackingNumber: ["returns:errors.trackingInvalid"] },
      });
    });
    // Through the page, as the shopper fills it in.
    const { version } = await returnRow(byShopper.returnId);
    const response = await respond(() =>
      returnAction(
        args(
          formRequest(
            `/returns/${byShopper.returnId}`,
            { intent: "transition", to: "IN_TRANSIT", version: String(version), carrier: "EMS", trackingNumber: "EB123456789CN" },
            { cookie: byShopper.shopper.cookie },
          ),
          {
            id: byShopper.returnId,
          },
        ),
      ),
    );
    expect(response.status).toBe(302);
    expect(await returnRow(byShopper.returnId)).toMatchObject({ status: "IN_TRANSIT", carrier: "EMS", trackingNumber: "EB123456789CN" });

    const byAgent = await filedReturn("DAMAGED");
    await step(agent, byAgent.returnId, "APPROVED");
    await step(agent, byAgent.returnId, "AWAITING_SHIPMENT", LABEL);
    await step(agent, byAgent.returnId, "IN_TRANSIT", { carrier: "UPS", trackingNumber: "1Z999AA10123456784" });
    expect(await returnRow(byAgent.returnId)).toMatchObject({ status: "IN_TRANSIT", carrier: "UPS" });
  });
});

describe("received: the condition of each unit", () => {
  test("every unit recorded; one not as claimed needs a note and photos; the records are stored per unit", async () => {
    const { returnId } = await filedReturn("CHANGED_MIND", 2);
    await toInTransit(agent, returnId);
    await unchanged(returnId, async () => {
      // One record for two units.
      expect(await moveOutcome(agent, returnId, "RECEIVED", { units: [{ position: 0, condition: "AS_CLAIMED" }] })).toMatchObject({
        ok: false,
        code: "INSPECTION_INVALID",
        message: "returns:errors.inspectionIncomplete",
      });
      // Used, but no note and no photo.
      expect(
        await moveOutcome(agent, returnId, "RECEIVED", {
          units: [
            { position: 0, condition: "AS_CLAIMED" },
            { position: 0, condition: "USED", refundAdjustment: "ZERO" },
          ],
        }),
      ).toMatchObject({
        ok: false,
        code: "MISSING_FIELDS",
        fieldErrors: {
          "units.1.note": ["returns:errors.conditionNoteRequired"],
          "units.1.photos": ["returns:errors.conditionPhotosRequired"],
        },
      });
      // A lower refund for a unit that arrived as claimed.
      expect(
        await moveOutcome(agent, returnId, "RECEIVED", {
          units: [
            { position: 0, condition: "AS_CLAIMED", refundAdjustment: "ZERO" },
            { position: 0, condition: "AS_CLAIMED" },
          ],
        }),
      ).toMatchObject({ ok: false });
      expect(
        await moveOutcome(agent, returnId, "RECEIVED", {
          units: [
            { position: 3, condition: "AS_CLAIMED" },
            { position: 0, condition: "AS_CLAIMED" },
          ],
        }),
      ).toMatchObject({ ok: false, code: "INSPECTION_INVALID" });
    });
    const photo = await storedPhoto();
    const filed = (await returnRow(returnId)).quotedRefundFen;
    await step(agent, returnId, "RECEIVED", {
      units: [
        { position: 0, condition: "AS_CLAIMED" },
        { position: 0, condition: "USED", refundAdjustment: "ZERO", note: "Worn, ear pads stained", photos: [photo] },
      ],
    });
    const row = await returnRow(returnId);
    // One of two interchangeable units refunds nothing: half the filed refund, rounded half-up.
    expect(row).toMatchObject({ status: "RECEIVED", inspectedRefundFen: Math.round(filed / 2) });
    expect(row.items).toEqual([
      expect.objectContaining({
        position: 0,
        quantity: 2,
        condition: "USED",
        conditionNote: "Worn, ear pads stained",
        conditionPhotos: JSON.stringify([photo]),
      }),
    ]);
    const event = await db.returnEvent.findFirstOrThrow({ where: { returnId, toStatus: "RECEIVED" } });
    expect(event).toMatchObject({ messageKey: "inspectedLower", attachments: JSON.stringify([photo]) });
    expect(JSON.parse(event.params)).toEqual({ refund: Math.round(filed / 2), filed });
  });

  test("several units of one line recorded differently: no unit's condition, note or photos is lost, whatever the order", async () => {
    const { returnId } = await filedReturn("DAMAGED", 3);
    await toInTransit(agent, returnId);
    const [stained, empty] = [await storedPhoto(), await storedPhoto()];
    await step(agent, returnId, "RECEIVED", {
      units: [
        { position: 0, condition: "USED", refundAdjustment: "SHOPPER_FAULT", note: "Ear pads stained", photos: [stained] },
        { position: 0, condition: "MISSING", refundAdjustment: "ZERO", note: "Not in the parcel", photos: [empty] },
        { position: 0, condition: "AS_CLAIMED" },
      ],
    });
    const [item] = (await returnRow(returnId)).items;
    expect(item?.condition).not.toBe("AS_CLAIMED");
    expect(item?.conditionNote).toContain("Ear pads stained");
    expect(item?.conditionNote).toContain("Not in the parcel");
    expect(JSON.parse(item?.conditionPhotos ?? "[]")).toEqual([stained, empty]);
  });

  test("through the page: per-unit fields and photos-<i> files; a refused inspection keeps no file", async () => {
    const { returnId } = await filedReturn("DAMAGED", 2);
    await toInTransit(agent, returnId);
    const { version } = await returnRow(returnId);
    const fields = (extra: Record<string, string>) => ({
      intent: "transition",
      to: "RECEIVED",
      version: String(version),
      "unit-0-position": "0",
      "unit-0-condition": "AS_CLAIMED",
      "unit-1-position": "0",
      "unit-1-condition": "DAMAGED_IN_RETURN",
      "unit-1-adjustment": "SHOPPER_FAULT",
      ...extra,
    });
    const filesBefore = await storedFiles();
    const noNote = await respond(() =>
      returnAction(
        args(multipartRequest(`/returns/${returnId}`, fields({}), { "photos-1": [pngFile("dent.png")] }, agent.cookie), { id: returnId }),
      ),
    );
    expect(noNote.status).toBe(400);
    expect(await noNote.json()).toMatchObject({
      move: {
        to: "RECEIVED",
        message: "returns:errors.missingFields",
        fieldErrors: { "units.1.note": ["returns:errors.conditionNoteRequired"] },
      },
    });
    expect(await storedFiles()).toEqual(filesBefore);
    expect((await returnRow(returnId)).status).toBe("IN_TRANSIT");

    const ok = await respond(() =>
      returnAction(
        args(
          multipartRequest(
            `/returns/${returnId}`,
            fields({ "unit-1-note": "Box crushed in the return parcel" }),
            { "photos-1": [pngFile("dent.png"), pngFile("box.png")] },
            agent.cookie,
          ),
          { id: returnId },
        ),
      ),
    );
    expect(ok.status).toBe(302);
    const row = await returnRow(returnId);
    expect(row.status).toBe("RECEIVED");
    const [item] = row.items;
    expect(item).toMatchObject({ condition: "DAMAGED_IN_RETURN", conditionNote: "Box crushed in the return parcel" });
    const photos = JSON.parse(item?.conditionPhotos ?? "[]") as string[];
    expect(photos).toHaveLength(2);
    for (const name of photos) expect(name).toMatch(/^[a-f0-9]{32}\.png$/);
    expect(row.inspectedRefundFen).toBeLessThan(row.quotedRefundFen);
  });
});

describe("refunded", () => {
  test("one REFUND entry linked to the return and the order; the order's paid amount drops by it; the wallet and its ledger agree", async () => {
    const { shopper, orderId, totalFen, returnId } = await filedReturn("DAMAGED", 2);
    await toReceived(agent, returnId);
    const balance = await balanceOf(shopper.id);
    await step(agent, returnId, "REFUNDED", { note: "Refunded in full" });
    expect(await refunds(returnId)).toEqual([{ kind: "REFUND", amountFen: totalFen, orderId, userId: shopper.id, returnId }]);
    expect(await returnRow(returnId)).toMatchObject({ status: "REFUNDED", refundedFen: totalFen });
    expect((await db.order.findUniqueOrThrow({ where: { id: orderId } })).paidFen).toBe(0);
    expect(await balanceOf(shopper.id)).toBe(balance + totalFen);
    expect(await ledgerSum(shopper.id)).toBe(await balanceOf(shopper.id));
    const money = await db.returnEvent.findFirstOrThrow({ where: { returnId, kind: "MONEY" } });
    expect(money.messageKey).toBe("refunded");
    // Refunded is final.
    expect(await moveOutcome(agent, returnId, "REFUNDED")).toMatchObject({ ok: false, code: "NOT_ALLOWED" });
  });

  test("part of an order: paidFen drops by this return's refund only", async () => {
    const { orderId, totalFen, returnId } = await (async () => {
      const placed = await deliveredOrder(agent, [{ listingId: world.cheapListingId, quantity: 3 }]);
      const id = await file(placed.shopper, placed.orderId, { reason: "DAMAGED", requested: [{ position: 0, quantity: 1 }] });
      return { ...placed, returnId: id };
    })();
    await toReceived(agent, returnId);
    await step(agent, returnId, "REFUNDED");
    const refunded = (await returnRow(returnId)).refundedFen;
    expect(refunded).toBeGreaterThan(0);
    expect(refunded).toBeLessThan(totalFen);
    expect((await db.order.findUniqueOrThrow({ where: { id: orderId } })).paidFen).toBe(totalFen - refunded);
  });

  test("the refund and the status are one transaction: a failing ledger write leaves the return RECEIVED and no money moved", async () => {
    const { shopper, orderId, returnId } = await filedReturn("DAMAGED");
    await toReceived(agent, returnId);
    const balance = await balanceOf(shopper.id);
    const original = paymentProvider.refund.bind(paymentProvider);
    const spy = vi.spyOn(paymentProvider, "refund").mockImplementation(async (tx, input) => {
      await original(tx, input);
      throw new Error("ledger unavailable");
    });
    try {
      await expect(moveOutcome(agent, returnId, "REFUNDED")).rejects.toThrow("ledger unavailable");
    } finally {
      spy.mockRestore();
    }
    expect(await returnRow(returnId)).toMatchObject({ status: "RECEIVED", refundedFen: 0 });
    expect(await refunds(returnId)).toEqual([]);
    expect(await balanceOf(shopper.id)).toBe(balance);
    expect((await db.order.findUniqueOrThrow({ where: { id: orderId } })).paidFen).toBeGreaterThan(0);
    expect(await db.returnEvent.count({ where: { returnId, toStatus: "REFUNDED" } })).toBe(0);
    // And it can still be refunded afterwards.
    await step(agent, returnId, "REFUNDED");
    expect(await refunds(returnId)).toHaveLength(1);
  });

  test("a double click or two people refunding at once: one refund, the other told to reload", async () => {
    const { shopper, returnId } = await filedReturn("DAMAGED");
    await toReceived(agent, returnId);
    const { version } = await returnRow(returnId);
    const outcomes = await Promise.all([
      transitionReturn({ id: agent.id, role: "AGENT" }, returnId, { to: "REFUNDED", version }),
      transitionReturn({ id: agent.id, role: "AGENT" }, returnId, { to: "REFUNDED", version }),
      transitionReturn({ id: admin.id, role: "ADMIN" }, returnId, { to: "REFUNDED", version }),
    ]);
    expect(outcomes.filter((outcome) => outcome.ok)).toHaveLength(1);
    for (const outcome of outcomes.filter((candidate) => !candidate.ok))
      expect(outcome).toEqual({ ok: false, code: "CONFLICT", message: "returns:errors.conflict" });
    expect(await refunds(returnId)).toHaveLength(1);
    expect(await db.walletEntry.count({ where: { userId: shopper.id, kind: "REFUND" } })).toBe(1);
    expect(await db.returnEvent.count({ where: { returnId, toStatus: "REFUNDED" } })).toBe(1);
  });

  test("through the page, two posts of the same form: one 302, one 409, one refund", async () => {
    const { returnId } = await filedReturn("DAMAGED");
    await toReceived(agent, returnId);
    const { version } = await returnRow(returnId);
    const post = (cookie: string) =>
      respond(() =>
        returnAction(
          args(formRequest(`/returns/${returnId}`, { intent: "transition", to: "REFUNDED", version: String(version) }, { cookie }), {
            id: returnId,
          }),
        ),
      );
    const responses = await Promise.all([post(agent.cookie), post(admin.cookie)]);
    expect(responses.map((response) => response.status).sort()).toEqual([302, 409]);
    const refused = responses.find((response) => response.status === 409);
    expect(await refused?.json()).toMatchObject({ move: { message: "returns:errors.conflict" } });
    expect(await refunds(returnId)).toHaveLength(1);
  });
});

describe("never more than was paid", () => {
  test("after a cost-difference refund on the order, a full platform-fault return refunds what is left, not the quote", async () => {
    const { shopper, orderId, totalFen } = await deliveredOrder(agent, [{ listingId: world.cheapListingId, quantity: 2 }], {
      actualCost: "30.00",
    });
    const order = await db.order.findUniqueOrThrow({ where: { id: orderId } });
    expect(order.paidFen).toBeLessThan(totalFen);
    const returnId = await file(shopper, orderId, { reason: "DAMAGED", requested: [{ position: 0, quantity: 2 }] });
    expect((await returnRow(returnId)).quotedRefundFen).toBe(order.paidFen);
    await toReceived(agent, returnId);
    await step(agent, returnId, "REFUNDED");
    expect((await refunds(returnId)).map((entry) => entry.amountFen)).toEqual([order.paidFen]);
    expect((await db.order.findUniqueOrThrow({ where: { id: orderId } })).paidFen).toBe(0);
    // Everything that left the wallet for this order came back, and not a fen more.
    const entries = await db.walletEntry.findMany({ where: { orderId }, select: { amountFen: true } });
    expect(entries.reduce((total, entry) => total + entry.amountFen, 0)).toBe(0);
  });

  test("two returns of one order refunded at once after a cost-difference refund: together never more than was paid", async () => {
    const { shopper, orderId } = await deliveredOrder(agent, [{ listingId: world.cheapListingId, quantity: 2 }], { actualCost: "30.00" });
    const { paidFen } = await db.order.findUniqueOrThrow({ where: { id: orderId } });
    const first = await file(shopper, orderId, { reason: "DAMAGED", requested: [{ position: 0, quantity: 1 }] });
    const second = await file(shopper, orderId, { reason: "DAMAGED", requested: [{ position: 0, quantity: 1 }] });
    await toReceived(agent, first);
    await toReceived(agent, second);
    const versions = await Promise.all([returnRow(first), returnRow(second)]);
    const outcomes = await Promise.all(
      versions.map((row) => transitionReturn({ id: agent.id, role: "AGENT" }, row.id, { to: "REFUNDED", version: row.version })),
    );
    expect(outcomes.every((outcome) => outcome.ok)).toBe(true);
    const paidBack = (await db.walletEntry.findMany({ where: { returnId: { in: [first, second] } } })).reduce(
      (total, entry) => total + entry.amountFen,
      0,
    );
    expect(paidBack).toBe(paidFen);
    expect((await db.order.findUniqueOrThrow({ where: { id: orderId } })).paidFen).toBe(0);
  });

  test("a refunded return: the as-claimed units of a second return still refund only what remains", async () => {
    const { shopper, orderId, totalFen } = await deliveredOrder(agent, [{ listingId: world.cheapListingId, quantity: 2 }]);
    const first = await file(shopper, orderId, { reason: "DAMAGED", requested: [{ position: 0, quantity: 1 }] });
    const second = await file(shopper, orderId, { reason: "DAMAGED", requested: [{ position: 0, quantity: 1 }] });
    await toReceived(agent, first);
    await step(agent, first, "REFUNDED");
    await toReceived(agent, second);
    await step(agent, second, "REFUNDED");
    const [a, b] = [(await returnRow(first)).refundedFen, (await returnRow(second)).refundedFen];
    // Two platform-fault returns covering the whole order add up to its total, to the fen.
    expect(a + b).toBe(totalFen);
    expect((await db.order.findUniqueOrThrow({ where: { id: orderId } })).paidFen).toBe(0);
  });
});

describe("the whole order to the fen", () => {
  // KNOWN BUG (reported with issue 7): a later return keeps the order-level shares it was filed with
  // (telescoped over the earlier return's units) after that earlier return is cancelled; refund.ts
  // asks its caller to recompute such returns and the service does not. Every unit then goes back at
  // platform fault and the order still holds a few fen. Turn into `test` once the service recomputes.
  test("every unit back at platform fault with a cancelled return in between: paid back to the fen", async () => {
    const { shopper, orderId, totalFen } = await deliveredOrder(agent, [{ listingId: world.cheapListingId, quantity: 2 }], {
      insurance: true,
    });
    const first = await file(shopper, orderId, { reason: "DAMAGED", requested: [{ position: 0, quantity: 1 }] });
    const second = await file(shopper, orderId, { reason: "DAMAGED", requested: [{ position: 0, quantity: 1 }] });
    await step(shopper, first, "CANCELLED");
    await toReceived(agent, second);
    await step(agent, second, "REFUNDED");
    const again = await file(shopper, orderId, { reason: "DAMAGED", requested: [{ position: 0, quantity: 1 }] });
    await toReceived(agent, again);
    await step(agent, again, "REFUNDED");
    const paidBack = (await db.walletEntry.findMany({ where: { returnId: { in: [second, again] } } })).reduce(
      (total, entry) => total + entry.amountFen,
      0,
    );
    expect(paidBack).toBe(totalFen);
  });
});
