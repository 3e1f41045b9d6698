import { beforeAll, describe, expect, test } from "vitest";
import { action as adminAction, loader as adminLoader } from "~/routes/admin.reviews";
import { loader as listingLoader } from "~/routes/listings.$id";
import { loader as listingReviewsLoader } from "~/routes/listings.$id_.reviews";
import { action as reviewAction, loader as reviewLoader } from "~/routes/orders.$id_.review";
import { loader as photoLoader } from "~/routes/reviews.$id.photos.$name";
import { pruneOrphanPhotos } from "~/services/orphan-photos.server";
import { reviewSummaryForAgent, reviewSummaryForListing, reviewSummaryForStore } from "~/services/reviews.server";
import { db } from "~/utils/db.server";
import { formRequest, getRequest, respond } from "./helpers";
import { createListing, seedOrderWorld, sessionUser } from "./order-fixtures";
import { args, DAY_MS, deliveredOrder, multipartRequest, pngFile, storedFiles, type Person } from "./returns-fixtures";

// Reviews through their routes on a real database: only the shopper of a delivered order reviews its
// items, once each, editable within the window; bad input is refused with nothing written; admins hide
// with a reason (audited); pages and summaries count visible reviews only.

let world: Awaited<ReturnType<typeof seedOrderWorld>>;
let owner: Person;
let stranger: Person;
let agent: Person;
let admin: Person;
let orderId: string;
let itemId: string;

const scores = { accuracy: "5", quality: "4", speed: "3", communication: "5", packaging: "4" };
const post = (fields: Record<string, string>, cookie: string, id = orderId, files: File[] = []) =>
  respond(() => reviewAction(args(multipartRequest(`/orders/${id}/review`, fields, { photos: files }, cookie), { id })));
const reviewPage = (cookie: string, id = orderId) => respond(() => reviewLoader(args(getRequest(`/orders/${id}/review`, cookie), { id })));
const reviewOf = (orderItemId: string) => db.review.findUnique({ where: { orderItemId } });

beforeAll(async () => {
  world = await seedOrderWorld();
  [owner, stranger, agent, admin] = await Promise.all([
    sessionUser("SHOPPER"),
    sessionUser("SHOPPER"),
    sessionUser("AGENT"),
    sessionUser("ADMIN"),
  ]);
  await db.user.update({ where: { id: owner.id }, data: { name: "李小龙" } });
  ({ orderId } = await deliveredOrder(agent, [{ listingId: world.listingId }], { shopper: owner }));
  const item = await db.orderItem.findFirstOrThrow({ where: { orderId }, select: { id: true } });
  itemId = item.id;
  // The variant bought, as checkout writes it for a listing with variants.
  await db.orderItem.update({ where: { id: itemId }, data: { variantName: "黑色 / M" } });
});

describe("writing a review", () => {
  test("the shopper of a delivered order reviews an item with a photo; listing, store, agent and variant are copied", async () => {
    const page = await reviewPage(owner.cookie);
    expect(page.status).toBe(200);
    const data = (await page.json()) as { reviewable: boolean; items: { id: string; review: unknown }[] };
    expect(data.reviewable).toBe(true);
    expect(data.items.map((item) => item.review)).toEqual([null]);

    const saved = await post({ orderItemId: itemId, ...scores, text: "  耳机和描述一致，代购很快  " }, owner.cookie, orderId, [
      pngFile("box.png"),
    ]);
    expect(saved.status).toBe(302);
    const review = await reviewOf(itemId);
    expect(review).toMatchObject({
      userId: owner.id,
      orderId,
      listingId: world.listingId,
      storeId: world.storeId,
      agentId: agent.id,
      variantName: "黑色 / M",
      accuracy: 5,
      speed: 3,
      text: "耳机和描述一致，代购很快",
      version: 0,
    });
    expect(JSON.parse(review?.photos ?? "[]")).toHaveLength(1);
  });

  test("the listing page shows it with the masked name, the variant and no average from one review", async () => {
    const response = await respond(() => listingLoader(args(getRequest(`/listings/${world.listingId}`), { id: world.listingId })));
    const data = (await response.json()) as {
      reviews: { summary: { count: number; enough: boolean; overall: number | null }; latest: Record<string, unknown>[] };
    };
    expect(data.reviews.summary).toMatchObject({ count: 1, enough: false, overall: null });
    expect(data.reviews.latest[0]).toMatchObject({ reviewer: "李**", variantName: "黑色 / M", text: "耳机和描述一致，代购很快" });
    // Nothing that identifies the reviewer leaves the server.
    expect(JSON.stringify(data.reviews)).not.toContain("李小龙");
    expect(JSON.stringify(data.reviews)).not.toContain(owner.id);
  });

  test("its photo is served to anyone while the review is shown", async () => {
    const review = await reviewOf(itemId);
    const name = (JSON.parse(review?.photos ?? "[]") as string[])[0] ?? "";
    const served = await respond(() =>
      photoLoader(args(getRequest(`/reviews/${review?.id}/photos/${name}`), { id: review?.id ?? "", name })),
    );
    expect(served.status).toBe(200);
    expect(served.headers.get("Content-Type")).toBe("image/png");
    const other = await respond(() =>
      photoLoader(
        args(getRequest(`/reviews/${review?.id}/photos/${"f".repeat(32)}.png`), { id: review?.id ?? "", name: `${"f".repeat(32)}.png` }),
      ),
    );
    expect(other.status).toBe(404);
  });

  test("a second first review of the same item is refused", async () => {
    const again = await post({ orderItemId: itemId, ...scores, text: "再评一次试试看" }, owner.cookie);
    expect(again.status).toBe(409);
    expect((await reviewOf(itemId))?.text).toBe("耳机和描述一致，代购很快");
  });
});

describe("access", () => {
  test("another shopper, the agent and an admin get 404 for the page and the form, and nothing changes", async () => {
    for (const person of [stranger, agent, admin]) {
      expect((await reviewPage(person.cookie)).status).toBe(404);
      const version = String((await reviewOf(itemId))?.version);
      expect((await post({ orderItemId: itemId, ...scores, text: "不是我的订单的评价", version }, person.cookie)).status).toBe(404);
    }
    expect((await reviewOf(itemId))?.text).toBe("耳机和描述一致，代购很快");
  });

  test("an item of another order is not found through this order", async () => {
    const other = await deliveredOrder(agent, [{ listingId: world.cheapListingId }], { shopper: stranger });
    const otherItem = await db.orderItem.findFirstOrThrow({ where: { orderId: other.orderId }, select: { id: true } });
    expect((await post({ orderItemId: otherItem.id, ...scores, text: "别人的商品的评价" }, owner.cookie)).status).toBe(404);
    expect(await reviewOf(otherItem.id)).toBeNull();
  });

  test("signed out, the page sends to login", async () => {
    const page = await reviewPage("");
    expect(page.status).toBe(302);
    expect(page.headers.get("Location")).toMatch(/^\/login/);
  });

  test("an order not yet delivered cannot be reviewed", async () => {
    const shipped = await deliveredOrder(agent, [{ listingId: world.cheapListingId }], { shopper: owner, until: "SHIPPED" });
    const item = await db.orderItem.findFirstOrThrow({ where: { orderId: shipped.orderId }, select: { id: true } });
    const page = (await (await reviewPage(owner.cookie, shipped.orderId)).json()) as { reviewable: boolean };
    expect(page.reviewable).toBe(false);
    const refused = await post({ orderItemId: item.id, ...scores, text: "还没收到就评价" }, owner.cookie, shipped.orderId);
    expect(refused.status).toBe(409);
    expect(await reviewOf(item.id)).toBeNull();
  });
});

describe("bad input", () => {
  let freshItem: string;
  let freshOrder: string;
  beforeAll(async () => {
    const order = await deliveredOrder(agent, [{ listingId: world.cheapListingId }], { shopper: owner });
    freshOrder = order.orderId;
    freshItem = (await db.orderItem.findFirstOrThrow({ where: { orderId: freshOrder }, select: { id: true } })).id;
  });

  test.each([
    ["a score of 6", { ...scores, quality: "6" }, "quality"],
    ["a score of 0", { ...scores, speed: "0" }, "speed"],
    ["a decimal score", { ...scores, accuracy: "4.5" }, "accuracy"],
    ["a missing score", { accuracy: "5", quality: "4", speed: "3", communication: "5" }, "packaging"],
  ])("%s is refused at its field", async (_label, fields, field) => {
    const refused = await post({ orderItemId: freshItem, ...fields, text: "评价内容足够长" }, owner.cookie, freshOrder);
    expect(refused.status).toBe(400);
    const body = (await refused.json()) as { itemId: string; errors: Record<string, string[]> };
    expect(body.itemId).toBe(freshItem);
    expect(body.errors[field]?.[0]).toMatch(/^reviews:errors\./);
    expect(await reviewOf(freshItem)).toBeNull();
  });

  test("text too short after trimming, and too long", async () => {
    for (const text of ["  好的  ", "好".repeat(1001)]) {
      const refused = await post({ orderItemId: freshItem, ...scores, text }, owner.cookie, freshOrder);
      expect(refused.status).toBe(400);
      expect(Object.keys(((await refused.json()) as { errors: object }).errors)).toEqual(["text"]);
    }
    expect(await reviewOf(freshItem)).toBeNull();
  });

  test("a file that is not an image, or too many photos, stores nothing", async () => {
    const before = await storedFiles();
    const notImage = new File([new TextEncoder().encode("<svg onload=alert(1)>")], "x.png", { type: "image/png" });
    expect((await post({ orderItemId: freshItem, ...scores, text: "附上了一张假图片" }, owner.cookie, freshOrder, [notImage])).status).toBe(
      400,
    );
    const seven = Array.from({ length: 7 }, (_, index) => pngFile(`p${index}.png`));
    expect((await post({ orderItemId: freshItem, ...scores, text: "附上了七张照片" }, owner.cookie, freshOrder, seven)).status).toBe(400);
    expect(await storedFiles()).toEqual(before);
    expect(await reviewOf(freshItem)).toBeNull();
  });

  test("a refused review (bad score) leaves its uploaded photo behind nowhere", async () => {
    const before = await storedFiles();
    const refused = await post({ orderItemId: freshItem, ...scores, quality: "9", text: "分数不对的评价" }, owner.cookie, freshOrder, [
      pngFile(),
    ]);
    expect(refused.status).toBe(400);
    expect(await storedFiles()).toEqual(before);
  });
});

describe("editing", () => {
  test("within the window, from the version seen; a stale version is refused", async () => {
    const review = await reviewOf(itemId);
    const keep = (JSON.parse(review?.photos ?? "[]") as string[])[0] ?? "";
    const edited = await post(
      { orderItemId: itemId, ...scores, packaging: "2", text: "包装有点压坏了", version: String(review?.version), keepPhotos: keep },
      owner.cookie,
    );
    expect(edited.status).toBe(302);
    const after = await reviewOf(itemId);
    expect(after).toMatchObject({ packaging: 2, text: "包装有点压坏了", version: 1 });
    expect(JSON.parse(after?.photos ?? "[]")).toEqual([keep]);

    const stale = await post({ orderItemId: itemId, ...scores, text: "另一个标签页的修改", version: "0" }, owner.cookie);
    expect(stale.status).toBe(409);
    expect((await reviewOf(itemId))?.text).toBe("包装有点压坏了");
  });

  test("after 30 days the review is shown closed and an edit is refused", async () => {
    await db.review.update({ where: { orderItemId: itemId }, data: { createdAt: new Date(Date.now() - 31 * DAY_MS) } });
    const page = (await (await reviewPage(owner.cookie)).json()) as { items: { review: { editable: boolean } | null }[] };
    expect(page.items[0]?.review?.editable).toBe(false);
    const version = String((await reviewOf(itemId))?.version);
    const refused = await post({ orderItemId: itemId, ...scores, text: "过了修改期还想改", version }, owner.cookie);
    expect(refused.status).toBe(403);
    expect((await reviewOf(itemId))?.text).toBe("包装有点压坏了");
  });
});

describe("summaries and admin hiding", () => {
  let listingId: string;
  let reviewIds: string[];
  beforeAll(async () => {
    // A fresh listing of the same store, reviewed by three shoppers.
    listingId = (await createListing(world.storeId, { price: "30.00", weightGrams: 200 })).id;
    const given = [
      { ...scores, accuracy: "5", quality: "5" },
      { ...scores, accuracy: "4", quality: "3" },
      { ...scores, accuracy: "3", quality: "4" },
    ];
    reviewIds = [];
    for (const fields of given) {
      const shopper = await sessionUser("SHOPPER");
      const order = await deliveredOrder(agent, [{ listingId }], { shopper });
      const item = await db.orderItem.findFirstOrThrow({ where: { orderId: order.orderId }, select: { id: true } });
      expect((await post({ orderItemId: item.id, ...fields, text: "评价这件商品" }, shopper.cookie, order.orderId)).status).toBe(302);
      reviewIds.push((await reviewOf(item.id))?.id ?? "");
    }
  });

  test("three visible reviews give means to one decimal", async () => {
    const summary = await reviewSummaryForListing(listingId);
    expect(summary).toMatchObject({ count: 3, enough: true, accuracy: 4, quality: 4, speed: 3 });
    const all = await db.review.findMany({ where: { listingId } });
    const total = all.reduce((sum, r) => sum + r.accuracy + r.quality + r.speed + r.communication + r.packaging, 0);
    expect(summary.overall).toBe(Math.round((total / (all.length * 5)) * 10) / 10);
    expect((await reviewSummaryForStore(world.storeId)).count).toBeGreaterThanOrEqual(4);
    expect((await reviewSummaryForAgent(agent.id)).count).toBeGreaterThanOrEqual(4);
  });

  test("only admins moderate; hiding needs a reason", async () => {
    const hide = (cookie: string, fields: Record<string, string>) =>
      respond(() => adminAction(args(formRequest("/admin/reviews", fields, { cookie }))));
    expect((await hide(owner.cookie, { intent: "hide", reviewId: reviewIds[0] ?? "", reason: "广告" })).status).toBe(403);
    expect((await respond(() => adminLoader(args(getRequest("/admin/reviews", agent.cookie))))).status).toBe(403);
    expect((await hide(admin.cookie, { intent: "hide", reviewId: reviewIds[0] ?? "", reason: "  " })).status).toBe(400);
    expect((await hide(admin.cookie, { intent: "hide", reviewId: "no-such-review", reason: "广告" })).status).toBe(404);
    expect((await hide(admin.cookie, { intent: "delete", reviewId: reviewIds[0] ?? "" })).status).toBe(400);
    expect((await db.review.findUniqueOrThrow({ where: { id: reviewIds[0] } })).hiddenAt).toBeNull();
  });

  test("a hidden review leaves the pages and the means, is audited, and comes back when shown again", async () => {
    const id = reviewIds[0] ?? "";
    const before = await db.review.findUniqueOrThrow({ where: { id } });
    const hide = (fields: Record<string, string>) =>
      respond(() => adminAction(args(formRequest("/admin/reviews", fields, { cookie: admin.cookie }))));
    expect((await hide({ intent: "hide", reviewId: id, reason: "含有联系方式" })).status).toBe(302);
    expect((await hide({ intent: "hide", reviewId: id, reason: "再隐藏一次" })).status).toBe(409);
    const hidden = await db.review.findUniqueOrThrow({ where: { id } });
    expect(hidden).toMatchObject({ hiddenReason: "含有联系方式", hiddenById: admin.id, text: before.text, accuracy: before.accuracy });
    const audit = await db.auditLog.findMany({ where: { entity: "Review", entityId: id } });
    expect(audit.map((row) => [row.action, row.actorId])).toEqual([["hide", admin.id]]);

    const summary = await reviewSummaryForListing(listingId);
    expect(summary).toMatchObject({ count: 2, enough: false, overall: null });
    const list = (await (
      await respond(() => listingReviewsLoader(args(getRequest(`/listings/${listingId}/reviews`), { id: listingId })))
    ).json()) as { reviews: { id: string }[] };
    expect(list.reviews.map((review) => review.id)).not.toContain(id);
    const adminList = (await (await respond(() => adminLoader(args(getRequest("/admin/reviews?hidden=1", admin.cookie))))).json()) as {
      reviews: { id: string }[];
    };
    expect(adminList.reviews.map((review) => review.id)).toEqual([id]);

    expect((await hide({ intent: "unhide", reviewId: id })).status).toBe(302);
    expect((await reviewSummaryForListing(listingId)).count).toBe(3);
    expect(
      (await db.auditLog.findMany({ where: { entity: "Review", entityId: id }, orderBy: { createdAt: "asc" } })).map((row) => row.action),
    ).toEqual(["hide", "unhide"]);
  });

  test("a hidden review's photo is served to its author and admins only", async () => {
    const review = await db.review.findUniqueOrThrow({ where: { orderItemId: itemId } });
    const name = (JSON.parse(review.photos) as string[])[0] ?? "";
    expect(name).not.toBe("");
    const hidden = await respond(() =>
      adminAction(
        args(formRequest("/admin/reviews", { intent: "hide", reviewId: review.id, reason: "照片不当" }, { cookie: admin.cookie })),
      ),
    );
    expect(hidden.status).toBe(302);
    const served = (cookie?: string) =>
      respond(() => photoLoader(args(getRequest(`/reviews/${review.id}/photos/${name}`, cookie), { id: review.id, name })));
    expect((await served()).status).toBe(404);
    expect((await served(stranger.cookie)).status).toBe(404);
    expect((await served(owner.cookie)).status).toBe(200);
    expect((await served(admin.cookie)).status).toBe(200);
    // The housekeeping sweep of photos no row names leaves a review's photos alone.
    await pruneOrphanPhotos({ now: new Date(Date.now() + 2 * DAY_MS) });
    expect((await served(owner.cookie)).status).toBe(200);
  });
});
