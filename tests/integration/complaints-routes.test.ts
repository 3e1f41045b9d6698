import { beforeAll, describe, expect, test } from "vitest";
import { action as complaintAction, loader as complaintLoader } from "~/routes/complaints.$id";
import { loader as eventsLoader } from "~/routes/complaints.$id.events";
import { loader as photoLoader } from "~/routes/complaints.$id.photos.$name";
import { loader as listLoader } from "~/routes/complaints._index";
import { loader as orderLoader } from "~/routes/orders.$id";
import { action as fileAction, loader as fileLoader } from "~/routes/orders.$id_.complaint";
import { db } from "~/utils/db.server";
import { getRequest, respond } from "./helpers";
import { seedOrderWorld, sessionUser, wallet } from "./order-fixtures";
import { args, deliveredOrder, multipartRequest, pngFile, storedFiles, type Person } from "./returns-fixtures";

// Complaints through their pages on a real database: the shopper files with photos, the agent answers,
// the shopper escalates, an admin awards compensation; every refusal is a 4xx that writes and keeps
// nothing; a stranger gets 404 on the complaint, its photos and its live feed.

let world: Awaited<ReturnType<typeof seedOrderWorld>>;
let owner: Person;
let stranger: Person;
let agent: Person;
let admin: Person;

const file = (orderId: string, fields: Record<string, string>, cookie: string, photos: File[] = []) =>
  respond(() => fileAction(args(multipartRequest(`/orders/${orderId}/complaint`, fields, { photos }, cookie), { id: orderId })));
const page = (id: string, cookie: string) => respond(() => complaintLoader(args(getRequest(`/complaints/${id}`, cookie), { id })));
const version = async (id: string) => (await db.complaint.findUniqueOrThrow({ where: { id }, select: { version: true } })).version;
async function move(id: string, person: Person, fields: Record<string, string>, photos: File[] = [], at?: number) {
  const body = { intent: "move", version: String(at ?? (await version(id))), ...fields };
  return respond(() => complaintAction(args(multipartRequest(`/complaints/${id}`, body, { photos }, person.cookie), { id })));
}
const detail = async (id: string, person: Person) =>
  (await (await page(id, person.cookie)).json()) as {
    complaint: { status: string; moves: string[]; overdue: boolean; compensation: string | null };
  };

async function filedThroughPage(orderId: string, photos: File[] = []) {
  const response = await file(
    orderId,
    { category: "WRONG_INFORMATION", description: "  收到的是旧款，页面写的是新款  " },
    owner.cookie,
    photos,
  );
  expect(response.status).toBe(302);
  const id = response.headers.get("Location")?.split("/").pop() ?? "";
  return id;
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

describe("filing on an order", () => {
  test("the shopper files with a photo and lands on the complaint; the order page lists it; a second filing is refused and keeps no photo", async () => {
    const { orderId } = await deliveredOrder(agent, [{ listingId: world.listingId }], { shopper: owner });
    const form = await respond(() => fileLoader(args(getRequest(`/orders/${orderId}/complaint`, owner.cookie), { id: orderId })));
    expect(form.status).toBe(200);
    expect(await form.json()).toMatchObject({ refusal: null, open: null, answerHours: 48 });

    const id = await filedThroughPage(orderId, [pngFile("old-model.png")]);
    const row = await db.complaint.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ orderId, userId: owner.id, category: "WRONG_INFORMATION", description: "收到的是旧款，页面写的是新款" });

    const shown = await detail(id, owner);
    expect(shown.complaint).toMatchObject({ status: "OPEN", moves: ["RESOLVED"], overdue: false });
    expect((await detail(id, agent)).complaint.moves).toEqual(["ANSWERED"]);

    const [photo] = JSON.parse(row.photos) as string[];
    const served = await respond(() =>
      photoLoader(args(getRequest(`/complaints/${id}/photos/${photo}`, owner.cookie), { id, name: photo ?? "" })),
    );
    expect(served.status).toBe(200);
    expect(served.headers.get("Content-Type")).toBe("image/png");

    const order = (await (
      await respond(() => orderLoader(args(getRequest(`/orders/${orderId}`, owner.cookie), { id: orderId })))
    ).json()) as {
      complaints: { id: string; status: string }[];
    };
    expect(order.complaints).toEqual([expect.objectContaining({ id, status: "OPEN" })]);

    const before = await storedFiles();
    const again = await file(orderId, { category: "OTHER", description: "还有问题" }, owner.cookie, [pngFile()]);
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ errors: { "": ["complaints:errors.alreadyOpen"] } });
    expect(await storedFiles()).toEqual(before);
    expect(await db.complaint.count({ where: { orderId } })).toBe(1);
  });

  test("bad input is a 400 naming the field, keeps what was typed, and stores neither complaint nor photo", async () => {
    const { orderId } = await deliveredOrder(agent, [{ listingId: world.listingId }], { shopper: owner });
    const before = await storedFiles();
    const cases: [Record<string, string>, string, string][] = [
      [{ description: "没有类型" }, "category", "complaints:errors.categoryRequired"],
      [{ category: "NOT_A_CATEGORY", description: "类型不对" }, "category", "complaints:errors.categoryRequired"],
      [{ category: "OTHER", description: "   " }, "description", "complaints:errors.descriptionRequired"],
      [{ category: "OTHER", description: "长".repeat(2001) }, "description", "complaints:errors.descriptionTooLong"],
    ];
    for (const [fields, field, message] of cases) {
      const response = await file(orderId, fields, owner.cookie, [pngFile()]);
      expect(response.status).toBe(400);
      const body = (await response.json()) as { errors: Record<string, string[]>; values: { description?: string } };
      expect(body.errors[field]).toEqual([message]);
      expect(body.values.description?.length).toBeLessThanOrEqual(2000);
    }
    const notImage = new File([new Uint8Array(Buffer.from("GIF89a not a photo we take"))], "x.png", { type: "image/png" });
    const refused = await file(orderId, { category: "OTHER", description: "附件不是图片" }, owner.cookie, [pngFile(), notImage]);
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ errors: { "": ["orders:errors.photoNotImage"] } });
    expect(await db.complaint.count({ where: { orderId } })).toBe(0);
    expect(await storedFiles()).toEqual(before);
  });

  test("another shopper's order is a 404 for the form and the filing, and nothing is stored", async () => {
    const { orderId } = await deliveredOrder(agent, [{ listingId: world.listingId }], { shopper: owner });
    const before = await storedFiles();
    expect(
      (await respond(() => fileLoader(args(getRequest(`/orders/${orderId}/complaint`, stranger.cookie), { id: orderId })))).status,
    ).toBe(404);
    expect((await file(orderId, { category: "OTHER", description: "别人的订单" }, stranger.cookie, [pngFile()])).status).toBe(404);
    expect(await storedFiles()).toEqual(before);
    expect(await db.complaint.count({ where: { orderId } })).toBe(0);
  });
});

describe("answer, escalation and arbitration through the page", () => {
  test("agent answers with evidence, shopper escalates, admin awards ¥12.34 after a refused amount, and the wallet has exactly that more", async () => {
    const { orderId } = await deliveredOrder(agent, [{ listingId: world.listingId }], { shopper: owner });
    const id = await filedThroughPage(orderId);

    // A stale page (the version before the answer) is refused and keeps no photo.
    const stale = await version(id);
    expect((await move(id, agent, { to: "ANSWERED", note: "商家发错了型号，已联系换货" }, [pngFile("store-mail.png")])).status).toBe(302);
    const before = await storedFiles();
    const late = await move(id, agent, { to: "ANSWERED", note: "再答一次" }, [pngFile()], stale);
    expect(late.status).toBe(409);
    expect(await storedFiles()).toEqual(before);

    expect((await move(id, agent, { to: "RESOLVED", outcome: "APOLOGY", note: "我自己结" })).status).toBe(403);
    expect((await move(id, owner, { to: "ESCALATED", note: "换货要等一个月，不接受" })).status).toBe(302);
    expect((await detail(id, admin)).complaint).toMatchObject({ status: "ESCALATED", moves: ["RESOLVED"] });
    expect((await detail(id, owner)).complaint.moves).toEqual([]);

    const purse = await wallet(owner.id);
    const badAmount = await move(id, admin, { to: "RESOLVED", outcome: "COMPENSATION", note: "补偿", compensation: "12.345" });
    expect(badAmount.status).toBe(400);
    expect(await badAmount.json()).toMatchObject({
      move: { to: "RESOLVED", fieldErrors: { compensation: ["complaints:errors.compensationInvalid"] } },
    });
    const noOutcome = await move(id, admin, { to: "RESOLVED", note: "补偿", compensation: "12.34" });
    expect(noOutcome.status).toBe(400);
    expect(await wallet(owner.id)).toEqual(purse);

    const shown = await version(id);
    const decided = await move(id, admin, {
      to: "RESOLVED",
      outcome: "COMPENSATION",
      note: "信息错误属实，补偿差价",
      compensation: "12.34",
    });
    expect(decided.status).toBe(302);
    expect((await wallet(owner.id)).balanceFen - purse.balanceFen).toBe(1234);
    expect((await detail(id, owner)).complaint).toMatchObject({ status: "RESOLVED", compensation: "12.34", moves: [] });

    // Once decided, the same form sent again (a double click, a reload) is a conflict that pays nothing;
    // a decision on the closed complaint from a fresh page is not a move there is.
    const replay = await move(id, admin, { to: "RESOLVED", outcome: "COMPENSATION", note: "再补", compensation: "12.34" }, [], shown);
    expect(replay.status).toBe(409);
    const closed = await move(id, admin, { to: "RESOLVED", outcome: "COMPENSATION", note: "再补", compensation: "12.34" });
    expect(closed.status).toBe(400);
    expect((await wallet(owner.id)).balanceFen - purse.balanceFen).toBe(1234);
  });

  test("a form without a known move, or with a photo that is not one, is a 400 that moves nothing", async () => {
    const { orderId } = await deliveredOrder(agent, [{ listingId: world.listingId }], { shopper: owner });
    const id = await filedThroughPage(orderId);
    expect((await move(id, agent, { to: "SHIPPED", note: "x" })).status).toBe(400);
    expect((await move(id, agent, { to: "ANSWERED", note: "x", intent: "dance" })).status).toBe(400);
    const notImage = new File([new Uint8Array(Buffer.from("%PDF-1.7"))], "a.jpg", { type: "image/jpeg" });
    expect((await move(id, agent, { to: "ANSWERED", note: "附件" }, [notImage])).status).toBe(400);
    const blank = await move(id, agent, { to: "ANSWERED", note: "   " });
    expect(blank.status).toBe(400);
    expect(await blank.json()).toMatchObject({ move: { fieldErrors: { note: ["complaints:errors.noteRequired"] } } });
    expect((await db.complaint.findUniqueOrThrow({ where: { id } })).status).toBe("OPEN");
  });
});

describe("access", () => {
  test("a stranger gets 404 for the page, the move, the photo and the live feed; lists show each role its own", async () => {
    const { orderId } = await deliveredOrder(agent, [{ listingId: world.listingId }], { shopper: owner });
    const id = await filedThroughPage(orderId, [pngFile()]);
    const [photo] = JSON.parse((await db.complaint.findUniqueOrThrow({ where: { id } })).photos) as string[];
    expect((await page(id, stranger.cookie)).status).toBe(404);
    expect((await move(id, stranger, { to: "RESOLVED" })).status).toBe(404);
    const otherAgent = await sessionUser("AGENT");
    expect((await move(id, otherAgent, { to: "ANSWERED", note: "我来答" })).status).toBe(404);
    expect(
      (await respond(() => photoLoader(args(getRequest(`/complaints/${id}/photos/${photo}`, stranger.cookie), { id, name: photo ?? "" }))))
        .status,
    ).toBe(404);
    expect((await respond(() => eventsLoader(args(getRequest(`/complaints/${id}/events`, stranger.cookie), { id })))).status).toBe(404);

    const list = async (person: Person, query = "") => respond(() => listLoader(args(getRequest(`/complaints${query}`, person.cookie))));
    const ids = async (person: Person, query = "") =>
      ((await (await list(person, query)).json()) as { complaints: { id: string }[] }).complaints.map((row) => row.id);
    expect(await ids(owner)).toContain(id);
    expect(await ids(stranger)).toEqual([]);
    expect(await ids(agent, "?status=OPEN")).toContain(id);
    expect(await ids(admin, "?status=ESCALATED")).not.toContain(id);
    expect((await list(owner, "?status=BOGUS")).status).toBe(400);
  });
});
