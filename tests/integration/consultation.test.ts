import crypto from "node:crypto";
import { beforeAll, describe, expect, test } from "vitest";
import { action as adminContactAction, loader as adminContactLoader } from "~/routes/admin.contact";
import { action as queueAction, loader as queueLoader } from "~/routes/agent.questions";
import { action as askAction, loader as askLoader } from "~/routes/ask";
import { loader as contactLoader } from "~/routes/contact";
import { action as listingAction, loader as listingLoader } from "~/routes/listings.$id";
import { loader as orderLoader } from "~/routes/orders.$id";
import { loader as questionsLoader } from "~/routes/questions";
import { questionsPerUser } from "~/services/question-submit.server";
import { answerQuestion } from "~/services/questions.server";
import { db } from "~/utils/db.server";
import { formRequest, getRequest, respond } from "./helpers";
import { placeNewOrder, seedOrderWorld, sessionUser } from "./order-fixtures";
import { args, type Person } from "./returns-fixtures";

// Pre-sale questions and contact channels (#19) through their routes on a real database: asking (once
// per form, bounded, rate limited), answering from the queue (one answer wins, the asker is notified),
// who sees what on the listing and at /questions, hiding, and the admin's contact settings.

let world: Awaited<ReturnType<typeof seedOrderWorld>>;
let asker: Person;
let other: Person;
let agent: Person;
let agent2: Person;
let admin: Person;

type ListingQ = { id: string; asker: string; text: string; answer: string | null; mine: boolean; published: boolean };
type QueueQ = { id: string; text: string; overdue: boolean; dueAt: string };

const askOnListing = (fields: Record<string, string>, cookie: string, id = world.listingId) =>
  respond(() => listingAction(args(formRequest(`/listings/${id}`, { intent: "ask", ...fields }, { cookie }), { id })));
const listingQuestions = async (cookie?: string, id = world.listingId) => {
  const response = await respond(() => listingLoader(args(getRequest(`/listings/${id}`, cookie), { id })));
  expect(response.status).toBe(200);
  return ((await response.json()) as { questions: { list: ListingQ[] } }).questions.list;
};
const queue = async (cookie: string, view = "open") => {
  const response = await respond(() => queueLoader(args(getRequest(`/agent/questions?view=${view}`, cookie))));
  return {
    status: response.status,
    data: response.status === 200 ? ((await response.json()) as { questions: QueueQ[]; slaHours: number }) : null,
  };
};
const answer = (questionId: string, text: string, cookie: string) =>
  respond(() => queueAction(args(formRequest("/agent/questions", { intent: "answer", questionId, answer: text }, { cookie }))));
const questionByText = (text: string) => db.question.findFirstOrThrow({ where: { text } });

beforeAll(async () => {
  world = await seedOrderWorld();
  [asker, other, agent, agent2, admin] = await Promise.all([
    sessionUser("SHOPPER"),
    sessionUser("SHOPPER"),
    sessionUser("AGENT"),
    sessionUser("AGENT"),
    sessionUser("ADMIN"),
  ]);
  await db.user.update({ where: { id: asker.id }, data: { name: "王小明" } });
  await db.listingImage.create({ data: { listingId: world.listingId, url: "/images/headphones.jpg", alt: "", position: 0 } });
});

describe("asking", () => {
  test("a shopper asks on a listing; a double submit of the same form stores one question", async () => {
    const submitKey = crypto.randomUUID();
    const fields = { text: "  这款耳机支持主动降噪吗？ ", publish: "on", submitKey };
    const first = await askOnListing(fields, asker.cookie);
    expect(first.status).toBe(302);
    expect(first.headers.get("Location")).toBe(`/listings/${world.listingId}?asked=1#listing-questions`);
    const again = await askOnListing(fields, asker.cookie);
    expect(again.status).toBe(302);
    const rows = await db.question.findMany({ where: { userId: asker.id, submitKey } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ text: "这款耳机支持主动降噪吗？", listingId: world.listingId, publishConsent: true, status: "OPEN" });
  });

  test("the asker sees their unanswered question on the listing, marked as theirs; other shoppers and visitors do not", async () => {
    const mine = await listingQuestions(asker.cookie);
    expect(mine).toEqual([expect.objectContaining({ text: "这款耳机支持主动降噪吗？", mine: true, published: false, answer: null })]);
    expect(await listingQuestions(other.cookie)).toEqual([]);
    expect(await listingQuestions()).toEqual([]);
  });

  test("bad input is refused with the field's message and nothing is written", async () => {
    const before = await db.question.count();
    const cases: [Record<string, string>, string, string][] = [
      [{ text: "短", submitKey: crypto.randomUUID() }, "text", "consult:errors.textTooShort"],
      [{ text: "很".repeat(1001), submitKey: crypto.randomUUID() }, "text", "consult:errors.textTooLong"],
      [{ text: "这款耳机有保修吗？" }, "submitKey", "consult:errors.formExpired"],
      [{ text: "这款耳机有保修吗？", submitKey: "not-a-uuid" }, "submitKey", "consult:errors.formExpired"],
    ];
    for (const [fields, field, message] of cases) {
      const response = await askOnListing(fields, asker.cookie);
      expect(response.status).toBe(400);
      const body = (await response.json()) as { question: { errors: Record<string, string[]> } };
      expect(body.question.errors[field]).toEqual([message]);
    }
    const unknown = await askOnListing({ text: "这款耳机有保修吗？", submitKey: crypto.randomUUID() }, asker.cookie, "no-such-listing");
    expect(unknown.status).toBe(404);
    // Someone else's order cannot be named.
    const { orderId } = await placeNewOrder(other, world.cheapListingId);
    const order = { id: orderId };
    const foreign = await respond(() =>
      askAction(
        args(
          formRequest(
            "/ask",
            { text: "我的订单什么时候发货？", submitKey: crypto.randomUUID(), orderId: order.id },
            { cookie: asker.cookie },
          ),
        ),
      ),
    );
    expect(foreign.status).toBe(404);
    expect(await db.question.count()).toBe(before);
  });

  test("asking needs a login", async () => {
    const response = await respond(() =>
      askAction(args(formRequest("/ask", { text: "可以寄到香港吗？", submitKey: crypto.randomUUID() }))),
    );
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toMatch(/^\/login/);
  });

  test("a general question from /ask names one of the shopper's own orders; publishing does not apply", async () => {
    const { orderId } = await placeNewOrder(asker, world.cheapListingId);
    const order = { id: orderId };
    const page = await respond(() => askLoader(args(getRequest(`/ask?order=${order.id}`, asker.cookie))));
    const data = (await page.json()) as { orders: { id: string }[]; orderId: string | null; submitKey: string };
    expect(data.orderId).toBe(order.id);
    const response = await respond(() =>
      askAction(
        args(
          formRequest(
            "/ask",
            { text: "订单可以合并发货吗？", submitKey: data.submitKey, orderId: order.id, publish: "on" },
            { cookie: asker.cookie },
          ),
        ),
      ),
    );
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toMatch(/^\/questions\?asked=/);
    expect(await questionByText("订单可以合并发货吗？")).toMatchObject({ orderId: order.id, listingId: null, publishConsent: false });
  });
});

describe("answering from the queue", () => {
  test("only agents and admins open the queue; it lists open questions oldest first with their due time", async () => {
    expect((await queue(asker.cookie)).status).toBe(403);
    const { status, data } = await queue(agent.cookie);
    expect(status).toBe(200);
    expect(data?.slaHours).toBe(12);
    expect(data?.questions.map((question) => question.text)).toEqual(["这款耳机支持主动降噪吗？", "订单可以合并发货吗？"]);
    expect(data?.questions.every((question) => !question.overdue)).toBe(true);
    expect((await answer(data?.questions[0]?.id ?? "", "支持，三档降噪。", asker.cookie)).status).toBe(403);
  });

  test("a question past the SLA is flagged overdue", async () => {
    const question = await questionByText("订单可以合并发货吗？");
    await db.question.update({ where: { id: question.id }, data: { createdAt: new Date(Date.now() - 13 * 3_600_000) } });
    const { data } = await queue(agent.cookie);
    expect(data?.questions[0]).toMatchObject({ text: "订单可以合并发货吗？", overdue: true });
  });

  test("two agents answer at once: one answer wins, the other is told, and the asker is notified once", async () => {
    const question = await questionByText("这款耳机支持主动降噪吗？");
    const [a, b] = await Promise.all([
      answer(question.id, "支持，三档降噪。", agent.cookie),
      answer(question.id, "不支持。", agent2.cookie),
    ]);
    const statuses = [a.status, b.status].sort();
    expect(statuses).toEqual([302, 409]);
    const loser = a.status === 409 ? a : b;
    expect(((await loser.json()) as { errors: Record<string, string[]> }).errors[""]).toEqual(["consult:errors.alreadyAnswered"]);
    const stored = await db.question.findUniqueOrThrow({ where: { id: question.id } });
    expect(stored.status).toBe("ANSWERED");
    expect([agent.id, agent2.id]).toContain(stored.answeredById);
    const notes = await db.notification.findMany({ where: { userId: asker.id, kind: "QUESTION_ANSWERED" } });
    expect(notes).toHaveLength(1);
    expect(JSON.parse(notes[0]?.params ?? "{}")).toMatchObject({ title: "头戴式耳机", image: "/images/headphones.jpg" });
    expect(notes[0]?.link).toBe(`/listings/${world.listingId}#listing-questions`);
    const mail = await db.emailOutbox.findMany({ where: { to: asker.email, subject: { contains: "头戴式耳机" } } });
    expect(mail).toHaveLength(1);
    // Answering again later is refused too, and the answer stays.
    expect((await answer(question.id, "再答一次", agent.cookie)).status).toBe(409);
    expect((await db.question.findUniqueOrThrow({ where: { id: question.id } })).answer).toBe(stored.answer);
  });

  test("an empty or over-long answer is refused, nothing changes", async () => {
    const question = await questionByText("订单可以合并发货吗？");
    expect((await answer(question.id, " ", agent.cookie)).status).toBe(400);
    expect((await answer(question.id, "答".repeat(2001), agent.cookie)).status).toBe(400);
    expect((await answer("no-such-question", "可以合并。", agent.cookie)).status).toBe(404);
    expect((await db.question.findUniqueOrThrow({ where: { id: question.id } })).status).toBe("OPEN");
  });

  test("a general question's notification is named by its first words and links to /questions", async () => {
    const question = await questionByText("订单可以合并发货吗？");
    expect((await answer(question.id, "可以，请在订单页留言。", agent.cookie)).status).toBe(302);
    const note = await db.notification.findFirstOrThrow({ where: { userId: asker.id, link: "/questions" } });
    expect(note.kind).toBe("QUESTION_ANSWERED");
    expect(JSON.parse(note.params)).toEqual({ title: "订单可以合并发货吗？", context: "general" });
    const mail = await db.emailOutbox.findFirstOrThrow({ where: { to: asker.email, body: { contains: "订单可以合并发货吗？" } } });
    expect(mail.body).toContain("你的咨询「订单可以合并发货吗？」已有代购回复。");
  });
});

describe("public Q&A and the asker's page", () => {
  test("the answered, consented question shows on the listing for everyone with the name masked", async () => {
    for (const cookie of [undefined, other.cookie]) {
      const list = await listingQuestions(cookie);
      expect(list).toEqual([expect.objectContaining({ asker: "王**", text: "这款耳机支持主动降噪吗？", published: true, mine: false })]);
      expect(JSON.stringify(list)).not.toContain("王小明");
    }
  });

  test("without consent an answered question stays with its asker", async () => {
    const submitKey = crypto.randomUUID();
    await askOnListing({ text: "耳机线可以拆卸吗？", submitKey }, asker.cookie);
    const question = await questionByText("耳机线可以拆卸吗？");
    expect(await answerQuestion(agent, { questionId: question.id, answer: "可以拆卸。" })).toEqual({ ok: true });
    expect((await listingQuestions()).map((item) => item.text)).toEqual(["这款耳机支持主动降噪吗？"]);
    const own = await listingQuestions(asker.cookie);
    expect(own.find((item) => item.text === "耳机线可以拆卸吗？")).toMatchObject({ mine: true, published: false, answer: "可以拆卸。" });
  });

  test("/questions lists the asker's own questions and answers only", async () => {
    const mine = await respond(() => questionsLoader(args(getRequest("/questions", asker.cookie))));
    const texts = ((await mine.json()) as { questions: { text: string }[] }).questions.map((question) => question.text);
    expect(texts.sort()).toEqual(["耳机线可以拆卸吗？", "订单可以合并发货吗？", "这款耳机支持主动降噪吗？"].sort());
    const theirs = await respond(() => questionsLoader(args(getRequest("/questions", other.cookie))));
    expect(((await theirs.json()) as { questions: unknown[] }).questions).toEqual([]);
  });

  test("staff hide a published Q&A (audited) and can show it again; shoppers cannot", async () => {
    const question = await questionByText("这款耳机支持主动降噪吗？");
    const hide = (cookie: string, hidden: string) =>
      respond(() => queueAction(args(formRequest("/agent/questions", { intent: "hide", questionId: question.id, hidden }, { cookie }))));
    expect((await hide(asker.cookie, "1")).status).toBe(403);
    expect((await hide(agent.cookie, "1")).status).toBe(302);
    expect(await listingQuestions(other.cookie)).toEqual([]);
    expect(await db.auditLog.count({ where: { entity: "Question", entityId: question.id, action: "hide" } })).toBe(1);
    expect((await hide(admin.cookie, "0")).status).toBe(302);
    expect((await listingQuestions(other.cookie)).map((item) => item.id)).toEqual([question.id]);
  });
});

describe("contact channels", () => {
  const save = (fields: Record<string, string | string[]>, cookie: string) => {
    const body = new URLSearchParams();
    for (const [name, value] of Object.entries(fields)) for (const one of [value].flat()) body.append(name, one);
    const request = formRequest("/admin/contact", {}, { cookie });
    return respond(() => adminContactAction(args(new Request(request.url, { method: "POST", headers: request.headers, body }))));
  };
  const valid = {
    inSite: "on",
    email: "help@example.com",
    wechatId: "daigou_help",
    phone: "+86 400-123-4567",
    hoursStart: "09:00",
    hoursEnd: "18:00",
    hoursDays: ["1", "2", "3", "4", "5"],
    answerSlaHours: "8",
  };

  test("only admins open or save the settings", async () => {
    expect((await respond(() => adminContactLoader(args(getRequest("/admin/contact", agent.cookie))))).status).toBe(403);
    expect((await save(valid, agent.cookie)).status).toBe(403);
  });

  test("bad values are refused at their field and nothing is saved", async () => {
    const response = await save(
      { ...valid, email: "nope", wechatId: "1x", hoursEnd: "08:00", hoursDays: [], answerSlaHours: "0" },
      admin.cookie,
    );
    expect(response.status).toBe(400);
    const { errors } = (await response.json()) as { errors: Record<string, string[]> };
    expect(Object.keys(errors).sort()).toEqual(["answerSlaHours", "email", "hoursDays", "hoursEnd", "wechatId"]);
    expect(await db.contactSettings.findUnique({ where: { id: "default" }, select: { email: true } })).toMatchObject({ email: null });
  });

  test("saved settings are audited, shown at /contact with a WeChat QR code and on the order page; the SLA moves the queue", async () => {
    expect((await save(valid, admin.cookie)).status).toBe(200);
    expect(await db.auditLog.count({ where: { entity: "ContactSettings", actorId: admin.id } })).toBe(1);
    const page = (await (await respond(() => contactLoader(args(getRequest("/contact"))))).json()) as {
      contact: Record<string, unknown>;
      qrSvg: string | null;
    };
    expect(page.contact).toMatchObject({ inSite: true, email: "help@example.com", wechatId: "daigou_help", hoursDays: "12345" });
    expect(page.qrSvg).toMatch(/^<svg/);
    const { orderId } = await placeNewOrder(asker, world.cheapListingId);
    const order = { id: orderId };
    const orderPage = await respond(() => orderLoader(args(getRequest(`/orders/${order.id}`, asker.cookie), { id: order.id })));
    expect(((await orderPage.json()) as { contact: Record<string, unknown> }).contact).toMatchObject({ phone: "+86 400-123-4567" });
    expect((await queue(agent.cookie)).data?.slaHours).toBe(8);
    // Clearing a channel removes it.
    expect((await save({ ...valid, email: "" }, admin.cookie)).status).toBe(200);
    expect((await db.contactSettings.findUniqueOrThrow({ where: { id: "default" } })).email).toBeNull();
  });
});

describe("rate limit", () => {
  test("past the hourly limit a shopper's question is refused with 429 and not stored", async () => {
    const busy = await sessionUser("SHOPPER");
    const ask = () => askOnListing({ text: "这款耳机有几种颜色？", submitKey: crypto.randomUUID() }, busy.cookie);
    for (let index = 0; index < questionsPerUser.limit; index += 1) expect((await ask()).status).toBe(302);
    const refused = await ask();
    expect(refused.status).toBe(429);
    expect(((await refused.json()) as { question: { errors: Record<string, string[]> } }).question.errors[""]).toEqual([
      "consult:errors.tooMany",
    ]);
    expect(await db.question.count({ where: { userId: busy.id } })).toBe(questionsPerUser.limit);
  });
});
