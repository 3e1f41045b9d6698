import { beforeAll, describe, expect, test } from "vitest";
import { action as returnFormAction, loader as returnFormLoader } from "~/routes/orders.$id_.return";
import { fileReturn, getReturnContext, previewReturn, type ReturnInput } from "~/services/returns.server";
import { db } from "~/utils/db.server";
import { getRequest, respond } from "./helpers";
import { seedOrderWorld, sessionUser } from "./order-fixtures";
import {
  args,
  createListing,
  deliveredOrder,
  file,
  multipartRequest,
  pngFile,
  returnRow,
  setDeliveredAgo,
  step,
  storedFiles,
  storedPhoto,
  type Person,
} from "./returns-fixtures";

// Every bad filing is refused with a message the form shows, and nothing is written: no return, no
// event, no notification, no photo left on disk.

let world: Awaited<ReturnType<typeof seedOrderWorld>>;
let agent: Person;

beforeAll(async () => {
  world = await seedOrderWorld();
  agent = await sessionUser("AGENT");
});

type Filing = Omit<ReturnInput, "photoCount"> & { photos?: string[] };

async function attempt(shopperId: string, orderId: string, input: Filing, now?: Date) {
  const photos = input.photos ?? [];
  return fileReturn({ id: shopperId }, orderId, { ...input, photoCount: photos.length, photos }, now);
}

/** The refusal's messages (locale keys), asserting nothing was written for the order. */
async function refused(shopperId: string, orderId: string, input: Filing, now?: Date) {
  const before = await Promise.all([
    db.returnRequest.count({ where: { orderId } }),
    db.returnEvent.count(),
    db.notification.count(),
    db.emailOutbox.count(),
  ]);
  const outcome = await attempt(shopperId, orderId, input, now);
  if (outcome.ok || outcome.reason !== "invalid") throw new Error(`expected a refusal, got ${JSON.stringify(outcome)}`);
  expect(
    await Promise.all([
      db.returnRequest.count({ where: { orderId } }),
      db.returnEvent.count(),
      db.notification.count(),
      db.emailOutbox.count(),
    ]),
  ).toEqual(before);
  return outcome.preview;
}

const messages = (preview: { problems: { message: string }[] }) => preview.problems.map((problem) => problem.message);

describe("units", () => {
  test("more units than were delivered are refused with the numbers", async () => {
    const { shopper, orderId } = await deliveredOrder(agent, [{ listingId: world.cheapListingId, quantity: 2 }]);
    const preview = await refused(shopper.id, orderId, { reason: "CHANGED_MIND", requested: [{ position: 0, quantity: 3 }] });
    expect(preview.problems).toEqual([
      { message: "returns:errors.moreThanDelivered", params: { position: 0, requested: 3, delivered: 2 } },
    ]);
    expect(preview.computation).toBeNull();
    expect(messages(await refused(shopper.id, orderId, { reason: "CHANGED_MIND", requested: [{ position: 7, quantity: 1 }] }))).toEqual([
      "returns:errors.unknownItem",
    ]);
    expect(messages(await refused(shopper.id, orderId, { reason: "CHANGED_MIND", requested: [] }))).toEqual([
      "returns:errors.selectionEmpty",
    ]);
  });

  test("the same unit twice: a second return for units already in an open return is refused until the first is cancelled", async () => {
    const { shopper, orderId } = await deliveredOrder(agent, [{ listingId: world.cheapListingId, quantity: 2 }]);
    const first = await file(shopper, orderId, { reason: "CHANGED_MIND", requested: [{ position: 0, quantity: 1 }] });
    const preview = await refused(shopper.id, orderId, { reason: "SIZE_FIT", requested: [{ position: 0, quantity: 2 }] });
    expect(preview.problems).toEqual([
      { message: "returns:errors.alreadyReturned", params: { position: 0, requested: 2, delivered: 2, remaining: 1 } },
    ]);
    // The other unit may still go back.
    await file(shopper, orderId, { reason: "SIZE_FIT", requested: [{ position: 0, quantity: 1 }] });
    expect(messages(await refused(shopper.id, orderId, { reason: "CHANGED_MIND", requested: [{ position: 0, quantity: 1 }] }))).toEqual([
      "returns:errors.alreadyReturned",
    ]);
    // Cancelled, the first return's unit is free again.
    await step(shopper, first, "CANCELLED");
    await file(shopper, orderId, { reason: "CHANGED_MIND", requested: [{ position: 0, quantity: 1 }] });
    expect(await db.returnRequest.count({ where: { orderId } })).toBe(3);
  });

  test("the same unit twice at once (double click, two tabs): exactly one return", async () => {
    const { shopper, orderId } = await deliveredOrder(agent, [{ listingId: world.listingId }]);
    const input: Filing = { reason: "CHANGED_MIND", requested: [{ position: 0, quantity: 1 }] };
    const outcomes = await Promise.all([
      attempt(shopper.id, orderId, input),
      attempt(shopper.id, orderId, input),
      attempt(shopper.id, orderId, input),
    ]);
    expect(outcomes.filter((outcome) => outcome.ok)).toHaveLength(1);
    for (const outcome of outcomes.filter((candidate) => !candidate.ok)) {
      expect(outcome).toMatchObject({
        ok: false,
        reason: "invalid",
        preview: { problems: [expect.objectContaining({ message: "returns:errors.alreadyReturned" })] },
      });
    }
    expect(await db.returnRequest.count({ where: { orderId } })).toBe(1);
    expect(await db.returnItem.count({ where: { returnRequest: { orderId } } })).toBe(1);
    expect(await db.returnEvent.count({ where: { returnRequest: { orderId } } })).toBe(1);
  });

  test("the same unit posted twice at once through the form: one 302, one 400, one return", async () => {
    const { shopper, orderId } = await deliveredOrder(agent, [{ listingId: world.listingId }]);
    const post = () =>
      respond(() =>
        returnFormAction(
          args(multipartRequest(`/orders/${orderId}/return`, { reason: "CHANGED_MIND", "qty-0": "1" }, {}, shopper.cookie), {
            id: orderId,
          }),
        ),
      );
    const statuses = (await Promise.all([post(), post()])).map((response) => response.status).sort();
    expect(statuses).toEqual([302, 400]);
    expect(await db.returnRequest.count({ where: { orderId } })).toBe(1);
  });
});

describe("evidence", () => {
  test("DAMAGED without a photo is refused (service and form), nothing written, no file left", async () => {
    const { shopper, orderId } = await deliveredOrder(agent, [{ listingId: world.listingId }]);
    expect(
      messages(
        await refused(shopper.id, orderId, {
          reason: "DAMAGED",
          requested: [{ position: 0, quantity: 1 }],
          description: "The box was crushed and the headband snapped",
        }),
      ),
    ).toEqual(["returns:errors.photoRequired"]);
    for (const reason of ["WRONG_ITEM", "NOT_AS_DESCRIBED"] as const) {
      expect(messages(await refused(shopper.id, orderId, { reason, requested: [{ position: 0, quantity: 1 }] }))).toEqual([
        "returns:errors.photoRequired",
      ]);
    }

    const filesBefore = await storedFiles();
    const response = await respond(() =>
      returnFormAction(
        args(multipartRequest(`/orders/${orderId}/return`, { reason: "DAMAGED", "qty-0": "1" }, {}, shopper.cookie), { id: orderId }),
      ),
    );
    expect(response.status).toBe(400);
    expect(JSON.stringify(await response.json())).toContain("returns:errors.photoRequired");
    // A photo that is not an image is refused before anything else, and not kept.
    const fake = await respond(() =>
      returnFormAction(
        args(
          multipartRequest(
            `/orders/${orderId}/return`,
            { reason: "DAMAGED", "qty-0": "1" },
            { photos: [new File(["<script>alert(1)</script>"], "crack.jpg", { type: "image/jpeg" })] },
            shopper.cookie,
          ),
          {
            id: orderId,
          },
        ),
      ),
    );
    expect(fake.status).toBe(400);
    expect(JSON.stringify(await fake.json())).toContain("orders:errors.photoNotImage");
    // A refused filing (here: too many units) does not keep the photos it carried.
    const tooMany = await respond(() =>
      returnFormAction(
        args(multipartRequest(`/orders/${orderId}/return`, { reason: "DAMAGED", "qty-0": "2" }, { photos: [pngFile()] }, shopper.cookie), {
          id: orderId,
        }),
      ),
    );
    expect(tooMany.status).toBe(400);
    expect(JSON.stringify(await tooMany.json())).toContain("returns:errors.moreThanDelivered");
    expect(await storedFiles()).toEqual(filesBefore);
    expect(await db.returnRequest.count({ where: { orderId } })).toBe(0);
  });

  test("DEFECTIVE: a description of 20+ characters stands in for a photo; 19 characters do not", async () => {
    const { shopper, orderId } = await deliveredOrder(agent, [{ listingId: world.cheapListingId, quantity: 2 }]);
    const preview = await refused(shopper.id, orderId, {
      reason: "DEFECTIVE",
      requested: [{ position: 0, quantity: 1 }],
      description: "Left side is silent",
    });
    expect(preview.problems).toEqual([{ message: "returns:errors.photoOrDescriptionRequired", params: { minChars: 20 } }]);
    const outcome = await attempt(shopper.id, orderId, {
      reason: "DEFECTIVE",
      requested: [{ position: 0, quantity: 1 }],
      description: "Left side is silent.",
    });
    expect(outcome.ok).toBe(true);
    if (outcome.ok)
      expect(await returnRow(outcome.returnId)).toMatchObject({
        fault: "PLATFORM",
        description: "Left side is silent.",
        status: "REQUESTED",
      });
    // Or a photo and no description at all.
    expect(
      (
        await attempt(shopper.id, orderId, {
          reason: "DEFECTIVE",
          requested: [{ position: 0, quantity: 1 }],
          photos: [await storedPhoto()],
        })
      ).ok,
    ).toBe(true);
  });
});

describe("windows", () => {
  test("CHANGED_MIND 8 days after delivery is refused with what else to do (a platform-fault reason, the agent); 6 days is fine", async () => {
    const { shopper, orderId } = await deliveredOrder(agent, [{ listingId: world.listingId }], { deliveredDaysAgo: 8 });
    const preview = await refused(shopper.id, orderId, { reason: "CHANGED_MIND", requested: [{ position: 0, quantity: 1 }] });
    expect(preview.problems).toEqual([{ message: "returns:errors.windowClosed", params: { windowDays: 7, deadline: preview.deadline } }]);
    expect(preview.verdict).toBe("INELIGIBLE");
    expect(preview.alternatives.map((entry) => entry.key)).toEqual([
      "returns:alternatives.platformReason",
      "returns:alternatives.messageAgent",
    ]);
    // The form says so before the shopper confirms.
    const page = await respond(() =>
      returnFormLoader(args(getRequest(`/orders/${orderId}/return?reason=SIZE_FIT&qty-0=1`, shopper.cookie), { id: orderId })),
    );
    expect(await page.json()).toMatchObject({ preview: { verdict: "INELIGIBLE", problems: [{ message: "returns:errors.windowClosed" }] } });
    // Damaged goods still have 30 days.
    expect(
      (await attempt(shopper.id, orderId, { reason: "DAMAGED", requested: [{ position: 0, quantity: 1 }], photos: [await storedPhoto()] }))
        .ok,
    ).toBe(true);

    const recent = await deliveredOrder(agent, [{ listingId: world.listingId }], { deliveredDaysAgo: 6 });
    expect(
      (await attempt(recent.shopper.id, recent.orderId, { reason: "CHANGED_MIND", requested: [{ position: 0, quantity: 1 }] })).ok,
    ).toBe(true);
  });

  test("DAMAGED 31 days after delivery is refused (the agent is who can still help); 29 days is fine", async () => {
    const { shopper, orderId } = await deliveredOrder(agent, [{ listingId: world.listingId }], { deliveredDaysAgo: 31 });
    const preview = await refused(shopper.id, orderId, {
      reason: "DAMAGED",
      requested: [{ position: 0, quantity: 1 }],
      photos: [await storedPhoto()],
    });
    expect(preview).toMatchObject({
      verdict: "INELIGIBLE",
      problems: [{ message: "returns:errors.windowClosed", params: { windowDays: 30 } }],
    });
    expect(preview.alternatives.map((entry) => entry.key)).toEqual(["returns:alternatives.messageAgent"]);
    await setDeliveredAgo(orderId, 29);
    expect(
      (await attempt(shopper.id, orderId, { reason: "DAMAGED", requested: [{ position: 0, quantity: 1 }], photos: [await storedPhoto()] }))
        .ok,
    ).toBe(true);
  });
});

describe("what may never go back for a change of mind", () => {
  test("an excluded category (food) and a custom-made listing: refused at shopper fault, accepted at platform fault", async () => {
    const food = await createListing(world.storeId, { price: "10.00", weightGrams: 200, taxCategory: "food" });
    const custom = await createListing(world.storeId, { price: "10.00", weightGrams: 200, customMade: true });
    const foodOrder = await deliveredOrder(agent, [{ listingId: food.id }]);
    const customOrder = await deliveredOrder(agent, [{ listingId: custom.id }]);
    const one = [{ position: 0, quantity: 1 }];

    expect(messages(await refused(foodOrder.shopper.id, foodOrder.orderId, { reason: "CHANGED_MIND", requested: one }))).toEqual([
      "returns:errors.categoryExcluded",
    ]);
    expect(messages(await refused(customOrder.shopper.id, customOrder.orderId, { reason: "SIZE_FIT", requested: one }))).toEqual([
      "returns:errors.customMade",
    ]);
    // Not for a change of mind, but a platform-fault reason is still open within 30 days.
    const customRefused = await refused(customOrder.shopper.id, customOrder.orderId, { reason: "CHANGED_MIND", requested: one });
    expect(customRefused.verdict).toBe("INELIGIBLE");
    expect(customRefused.alternatives.map((entry) => entry.key)).toContain("returns:alternatives.platformReason");

    expect(
      (await attempt(foodOrder.shopper.id, foodOrder.orderId, { reason: "DAMAGED", requested: one, photos: [await storedPhoto()] })).ok,
    ).toBe(true);
    expect(
      (
        await attempt(customOrder.shopper.id, customOrder.orderId, {
          reason: "DEFECTIVE",
          requested: one,
          description: "The engraving is missing entirely",
        })
      ).ok,
    ).toBe(true);
  });

  test("a mixed order: the excluded item may not go back for a change of mind, the other item may", async () => {
    const food = await createListing(world.storeId, { price: "10.00", weightGrams: 200, taxCategory: "food" });
    const { shopper, orderId } = await deliveredOrder(agent, [{ listingId: world.cheapListingId }, { listingId: food.id }]);
    const items = await db.orderItem.findMany({ where: { orderId }, select: { position: true, listingId: true } });
    const foodAt = items.find((item) => item.listingId === food.id)?.position ?? -1;
    const otherAt = items.find((item) => item.listingId === world.cheapListingId)?.position ?? -1;
    expect(
      messages(await refused(shopper.id, orderId, { reason: "CHANGED_MIND", requested: [{ position: foodAt, quantity: 1 }] })),
    ).toEqual(["returns:errors.categoryExcluded"]);
    expect((await attempt(shopper.id, orderId, { reason: "CHANGED_MIND", requested: [{ position: otherAt, quantity: 1 }] })).ok).toBe(true);
  });
});

describe("orders that were not delivered", () => {
  test("a paid order and a shipped order are refused as not delivered", async () => {
    for (const until of ["PAID", "SHIPPED"] as const) {
      const { shopper, orderId } = await deliveredOrder(agent, [{ listingId: world.listingId }], { until });
      const preview = await refused(shopper.id, orderId, {
        reason: "DAMAGED",
        requested: [{ position: 0, quantity: 1 }],
        photos: [await storedPhoto()],
      });
      expect(messages(preview)).toEqual(["returns:errors.notDelivered"]);
      expect(preview.verdict).toBe("INELIGIBLE");
      expect(preview.alternatives.map((entry) => entry.key)).toEqual(["returns:alternatives.messageAgent"]);
    }
  });

  test("the form shows the refusal before the shopper confirms", async () => {
    const { shopper, orderId } = await deliveredOrder(agent, [{ listingId: world.listingId }], { until: "PAID" });
    const context = await getReturnContext(shopper.id, orderId);
    expect(context).not.toBeNull();
    if (context)
      expect(
        messages(previewReturn(context, { reason: "CHANGED_MIND", requested: [{ position: 0, quantity: 1 }], photoCount: 0 })),
      ).toEqual(["returns:errors.notDelivered"]);
  });
});
