import crypto from "node:crypto";
import { createInstance } from "i18next";
import { renderToStaticMarkup } from "react-dom/server";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { MemoryRouter } from "react-router-dom";
import { beforeAll, describe, expect, test } from "vitest";
import { ReturnList } from "~/components/return-list";
import { ReturnRefundSummary } from "~/components/return-summary";
import { fromFen } from "~/domain/landed-cost";
import type { ReturnView } from "~/domain/returns";
import { loader as agentQueueLoader } from "~/routes/agent.returns";
import { action as returnFormAction, loader as returnFormLoader } from "~/routes/orders.$id_.return";
import { action as returnAction, loader as returnLoader } from "~/routes/returns.$id";
import { loader as myReturnsLoader } from "~/routes/returns._index";
import { decideDispute, disputeReturn } from "~/services/return-transitions.server";
import { db } from "~/utils/db.server";
import { i18nConfig } from "~/utils/i18n-resources";
import { formRequest, getRequest, respond } from "./helpers";
import { seedOrderWorld, sessionUser } from "./order-fixtures";
import {
  args,
  deliveredOrder,
  file,
  multipartRequest,
  refunds,
  returnRow,
  step,
  storedPhoto,
  toReceived,
  type Person,
} from "./returns-fixtures";

// Issue #11, point 6: the return page, the lists and the notifications tell one story. After an
// inspection that cut the refund to ¥0.00 nothing says 已退款 with the old amount; after a dispute is
// filed the offer to dispute is gone and its status shows; after the decision the decision shows;
// after the refund, what the ledger holds. Each page is checked on its loader's data and on the HTML
// its components render from that data (in Chinese, as the shopper reads it).

let world: Awaited<ReturnType<typeof seedOrderWorld>>;
let agent: Person;
let admin: Person;

const i18n = createInstance();
beforeAll(async () => {
  await i18n.use(initReactI18next).init({ ...i18nConfig, lng: "zh-CN" });
  world = await seedOrderWorld();
  [agent, admin] = await Promise.all([sessionUser("AGENT"), sessionUser("ADMIN")]);
});

type PageData = {
  entry: Parameters<typeof ReturnRefundSummary>[0]["entry"] & {
    status: string;
    returnAddress: { country: string | null; address: string | null };
  };
  view: ReturnView;
};

async function page(person: Person, returnId: string): Promise<PageData> {
  const response = await respond(() => returnLoader(args(getRequest(`/returns/${returnId}`, person.cookie), { id: returnId })));
  expect(response.status).toBe(200);
  return (await response.json()) as PageData;
}

/** The refund section's text as the page renders it from the loader's data. */
function summaryText(data: PageData) {
  return text(
    renderToStaticMarkup(
      <I18nextProvider i18n={i18n}>
        <ReturnRefundSummary entry={data.entry} view={data.view} />
      </I18nextProvider>,
    ),
  );
}

function text(html: string) {
  return html
    .replace(/<[^>]+>/g, " ")
    .replace(/&#x27;/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ")
    .trim();
}

/** The amounts inside an element with `data-testid=…`, in the rendered summary. */
function testIds(data: PageData, id: string) {
  const html = renderToStaticMarkup(
    <I18nextProvider i18n={i18n}>
      <ReturnRefundSummary entry={data.entry} view={data.view} />
    </I18nextProvider>,
  );
  return [...html.matchAll(new RegExp(`data-testid="${id}"[^>]*>(.*?)</(?:p|strong|li|div)>`, "g"))].map((match) => text(match[1] ?? ""));
}

const yuan = (fen: number) => `¥${fromFen(fen)}`;

async function listRows(person: Person, loader: (input: ReturnType<typeof args>) => Promise<Response>) {
  const response = await respond(() => loader(args(getRequest("/returns", person.cookie))));
  const { returns } = (await response.json()) as { returns: Parameters<typeof ReturnList>[0]["returns"] };
  return {
    returns,
    text: text(
      renderToStaticMarkup(
        <MemoryRouter>
          <I18nextProvider i18n={i18n}>
            <ReturnList returns={returns} />
          </I18nextProvider>
        </MemoryRouter>,
      ),
    ),
  };
}

async function lastNotification(userId: string, kind: string) {
  const row = await db.notification.findFirstOrThrow({ where: { userId, kind }, orderBy: { createdAt: "desc" }, select: { params: true } });
  return JSON.parse(row.params) as Record<string, string | null>;
}

/** A damaged unit (¥ filed in full) whose inspection lowered the refund: to 0, or to the shopper-fault amount. */
async function inspected(adjustment: "ZERO" | "SHOPPER_FAULT") {
  const { shopper, orderId, totalFen } = await deliveredOrder(agent, [{ listingId: world.cheapListingId }]);
  const returnId = await file(shopper, orderId, { reason: "DAMAGED", requested: [{ position: 0, quantity: 1 }] });
  await toReceived(agent, returnId, {
    units: [
      {
        position: 0,
        condition: "USED",
        refundAdjustment: adjustment,
        note: "Used for weeks, ear pads worn",
        photos: [await storedPhoto()],
      },
    ],
  });
  const row = await returnRow(returnId);
  expect(row.quotedRefundFen).toBe(totalFen);
  return { shopper, orderId, returnId, filedFen: row.quotedRefundFen, inspectedFen: row.inspectedRefundFen ?? -1 };
}

describe("an inspection that cuts the refund to ¥0.00", () => {
  test("the page, the lists and the notification say 0.00 and why; the filed amount shows only as what was filed", async () => {
    const { shopper, returnId, filedFen, inspectedFen } = await inspected("ZERO");
    expect(inspectedFen).toBe(0);
    const data = await page(shopper, returnId);
    expect(data.view.amount).toEqual({ key: "returns:amount.lowered", fen: 0, params: { filed: filedFen } });
    expect(testIds(data, "return-amount")).toEqual([`验货后退款 ¥0.00（申请时 ${yuan(filedFen)}）`]);
    expect(testIds(data, "refund-total")).toEqual(["¥0.00"]);
    expect(testIds(data, "refund-line")[0]).toContain("→ ¥0.00");
    const summary = summaryText(data);
    expect(summary).toContain("已使用 · 不退款 · Used for weeks, ear pads worn");
    expect(summary).toContain(`验货与申请不符：退款由 ${yuan(filedFen)} 调整为 ¥0.00。`);
    expect(summary).toContain(`验货调整 — -${yuan(filedFen)}`);
    expect(summary).not.toContain("已退款");
    expect(summary).toContain("如果你不同意验货结果，可以在下方提出异议。");
    // The lists carry the same amount and label.
    for (const [person, loader] of [
      [shopper, myReturnsLoader],
      [agent, agentQueueLoader],
    ] as const) {
      const rows = await listRows(person, loader);
      const row = rows.returns.find((entry) => entry.id === returnId);
      expect(row?.amount).toEqual(data.view.amount);
      expect(rows.text).toContain(`验货后退款 ¥0.00（申请时 ${yuan(filedFen)}）`);
    }
    // So does the notification, in the app and by mail.
    expect(await lastNotification(shopper.id, "RETURN_RECEIVED")).toMatchObject({ amount: "0.00", context: "lower" });
    const mail = await db.emailOutbox.findFirstOrThrow({
      where: { to: shopper.email, body: { contains: "/returns/" + returnId } },
      orderBy: { createdAt: "desc" },
      select: { body: true },
    });
    expect(mail.body).toContain("退款调整为 ¥0.00");

    // Closed without a refund: nothing in the ledger, nothing says 已退款 with an amount.
    await step(agent, returnId, "REFUNDED");
    expect(await refunds(returnId)).toEqual([]);
    const closed = await page(shopper, returnId);
    expect(closed.view).toMatchObject({
      statusKey: "returns:status.CLOSED_NO_REFUND",
      amount: { key: "returns:amount.refundedNone", fen: 0 },
    });
    expect(testIds(closed, "return-amount")).toEqual(["最终退款 ¥0.00：没有退款入账"]);
    expect(testIds(closed, "refund-total")).toEqual(["¥0.00"]);
    expect(summaryText(closed)).not.toContain(`已退款 ${yuan(filedFen)}`);
    expect(await lastNotification(shopper.id, "RETURN_REFUNDED")).toMatchObject({ amount: "0.00", context: "none" });
    expect((await db.returnEvent.findFirstOrThrow({ where: { returnId, toStatus: "REFUNDED" } })).messageKey).toBe("refundedNone");
    expect((await listRows(shopper, myReturnsLoader)).text).toContain("已完结（无退款） ");
  });
});

describe("a dispute", () => {
  test("once filed the offer is gone and its status shows; the agent cannot refund; the admin may decide", async () => {
    const { shopper, returnId } = await inspected("SHOPPER_FAULT");
    expect((await page(shopper, returnId)).view.canDispute).toBe(true);
    const filed = await respond(() =>
      returnAction(
        args(
          formRequest(`/returns/${returnId}`, { intent: "dispute", note: "The wear was there on arrival" }, { cookie: shopper.cookie }),
          { id: returnId },
        ),
      ),
    );
    expect(filed.status).toBe(302);

    const data = await page(shopper, returnId);
    expect(data.view).toMatchObject({ canDispute: false, dispute: { status: "OPEN" }, stage: "DISPUTE_OPEN" });
    const summary = summaryText(data);
    expect(summary).not.toContain("可以在下方提出异议");
    expect(summary).toContain("异议处理中");
    expect(summary).toContain("买家的异议：The wear was there on arrival");
    expect(summary).toContain("你已提出异议，正在等待管理员裁决；裁决前暂不退款。");
    const agentPage = await page(agent, returnId);
    expect(agentPage.view.moves).not.toContain("REFUNDED");
    expect(agentPage.view.canDecide).toBe(false);
    expect((await page(admin, returnId)).view.canDecide).toBe(true);
    expect((await listRows(shopper, myReturnsLoader)).text).toContain("异议处理中");
  });

  test("decided for the shopper: the filed amount is what is refunded, and the ledger says so", async () => {
    const { shopper, returnId, filedFen, inspectedFen } = await inspected("SHOPPER_FAULT");
    await disputeReturn(shopper, returnId, "The wear was there on arrival", []);
    expect(await decideDispute(admin, returnId, "UPHELD_SHOPPER", "Unboxing video shows it")).toEqual({ ok: true });

    const decided = await page(shopper, returnId);
    expect(decided.view).toMatchObject({
      stage: "DECIDED",
      canDispute: false,
      amount: { key: "returns:amount.decided", fen: filedFen },
      dispute: { status: "UPHELD_SHOPPER" },
    });
    const summary = summaryText(decided);
    expect(summary).toContain("裁决：支持买家");
    expect(summary).toContain("裁决说明：Unboxing video shows it");
    expect(summary).toContain(`管理员裁决支持买家：按申请金额退款 ${yuan(filedFen)}。`);
    expect(summary).not.toContain("提出异议");
    expect(testIds(decided, "refund-total")).toEqual([yuan(filedFen)]);
    expect(decided.view.adjustments).toEqual([
      { key: "returns:adjustment.inspection", fen: inspectedFen - filedFen },
      { key: "returns:adjustment.disputeUpheld", fen: filedFen - inspectedFen },
    ]);
    expect(await lastNotification(shopper.id, "RETURN_DISPUTE_DECIDED")).toMatchObject({ amount: fromFen(filedFen), context: "shopper" });

    await step(agent, returnId, "REFUNDED");
    const ledger = (await refunds(returnId)).reduce((sum, entry) => sum + entry.amountFen, 0);
    expect(ledger).toBe(filedFen);
    const refunded = await page(shopper, returnId);
    expect(refunded.view.amount).toEqual({ key: "returns:amount.refunded", fen: ledger });
    expect(testIds(refunded, "return-amount")).toEqual([`已退款 ${yuan(ledger)}`]);
    expect(testIds(refunded, "refund-total")).toEqual([yuan(ledger)]);
  });

  test("decided for the agent: the inspected amount stands and is what the ledger pays", async () => {
    const { shopper, returnId, filedFen, inspectedFen } = await inspected("SHOPPER_FAULT");
    await disputeReturn(shopper, returnId, "The wear was there on arrival", []);
    await decideDispute(admin, returnId, "UPHELD_AGENT", "The photos show weeks of use");
    const decided = await page(shopper, returnId);
    expect(decided.view).toMatchObject({
      canDispute: false,
      amount: { key: "returns:amount.decided", fen: inspectedFen },
      dispute: { status: "UPHELD_AGENT" },
    });
    expect(summaryText(decided)).toContain(`管理员裁决维持验货结果：退款 ${yuan(inspectedFen)}。`);
    expect(summaryText(decided)).not.toContain(`退款 ${yuan(filedFen)}。`);
    expect(await lastNotification(shopper.id, "RETURN_DISPUTE_DECIDED")).toMatchObject({ amount: fromFen(inspectedFen), context: "agent" });

    await step(agent, returnId, "REFUNDED");
    const entries = await refunds(returnId);
    expect(entries.map((entry) => entry.amountFen)).toEqual([inspectedFen]);
    const refunded = await page(shopper, returnId);
    expect(refunded.view.amount).toEqual({ key: "returns:amount.refunded", fen: inspectedFen });
    const row = (await listRows(shopper, myReturnsLoader)).returns.find((entry) => entry.id === returnId);
    expect(row?.amount).toEqual(refunded.view.amount);
  });
});

describe("after the refund", () => {
  test("the amount shown is the ledger entry linked to the return, on the page and in the list", async () => {
    const { shopper, orderId } = await deliveredOrder(agent, [{ listingId: world.cheapListingId, quantity: 2 }]);
    const returnId = await file(shopper, orderId, { reason: "CHANGED_MIND", requested: [{ position: 0, quantity: 2 }] });
    await toReceived(agent, returnId);
    await step(agent, returnId, "REFUNDED");
    const [entry, ...others] = await refunds(returnId);
    expect(others).toEqual([]);
    expect(entry).toMatchObject({ kind: "REFUND", returnId, orderId, userId: shopper.id });
    const data = await page(shopper, returnId);
    expect(data.view.amount).toEqual({ key: "returns:amount.refunded", fen: entry?.amountFen });
    expect(testIds(data, "return-amount")).toEqual([`已退款 ${yuan(entry?.amountFen ?? -1)}`]);
    expect(summaryText(data)).toContain(`已退款 ${yuan(entry?.amountFen ?? -1)}。`);
    expect((await listRows(shopper, myReturnsLoader)).text).toContain(`已退款 ${yuan(entry?.amountFen ?? -1)}`);
    // It names the returned product too (notifications name products, not only numbers).
    expect(await lastNotification(shopper.id, "RETURN_REFUNDED")).toMatchObject({
      number: (await returnRow(returnId)).number,
      amount: fromFen(entry?.amountFen ?? -1),
      title: expect.any(String),
    });
  });
});

describe("refund lines name the goods in Chinese", () => {
  test("the order item's Chinese title and variant, not the store's original title", async () => {
    const listing = await db.listing.create({
      data: {
        storeId: world.storeId,
        categorySlug: "audio",
        sourceUrl: `https://us-audio.example/products/${crypto.randomUUID()}`,
        title: "Studio Monitor Headphones MX-7",
        description: "Closed-back",
        titleZh: "录音室监听耳机 MX-7",
        descriptionZh: "封闭式",
        status: "PUBLISHED",
        price: "20.00",
        currency: "USD",
        weightGrams: 200,
        taxCategory: "electronics",
        variants: { create: [{ title: "Black", titleZh: "黑色", price: "20.00", position: 0 }] },
      },
      select: { id: true, variants: { select: { id: true } } },
    });
    const { shopper, orderId } = await deliveredOrder(agent, [{ listingId: listing.id, variantId: listing.variants[0]?.id }]);
    const returnId = await file(shopper, orderId, { reason: "DAMAGED", requested: [{ position: 0, quantity: 1 }] });
    const data = await page(shopper, returnId);
    const [line] = testIds(data, "refund-line");
    expect(line).toMatch(/^录音室监听耳机 MX-7 · 黑色 × 1：|^录音室监听耳机 MX-7 · 黑色 × 1:/);
    expect(summaryText(data)).not.toContain("Studio Monitor");
  });
});

describe("an ineligible return", () => {
  test("says why and what else to do, with no refund to confirm; filing it anyway is refused and writes nothing", async () => {
    const { shopper, orderId } = await deliveredOrder(agent, [{ listingId: world.cheapListingId }], { deliveredDaysAgo: 9 });
    const response = await respond(() =>
      returnFormLoader(args(getRequest(`/orders/${orderId}/return?reason=CHANGED_MIND&qty-0=1`, shopper.cookie), { id: orderId })),
    );
    const body = (await response.json()) as {
      preview: {
        verdict: string;
        computation: unknown;
        problems: { message: string }[];
        alternatives: { key: string; link?: { to: string } }[];
      };
    };
    expect(body.preview.verdict).toBe("INELIGIBLE");
    expect(body.preview.computation).toBeNull();
    expect(body.preview.problems.map((problem) => problem.message)).toEqual(["returns:errors.windowClosed"]);
    expect(body.preview.alternatives).toEqual([
      expect.objectContaining({ key: "returns:alternatives.platformReason" }),
      expect.objectContaining({
        key: "returns:alternatives.messageAgent",
        link: { to: `/orders/${orderId}#messages`, key: "returns:alternatives.messageAgentLink" },
      }),
    ]);
    // With a platform contact set, the shopper is told how to reach the platform (no complaint form exists).
    await db.returnSettings.update({ where: { id: "default" }, data: { platformContact: "help@globalbuy.example" } });
    const withContact = (await (
      await respond(() =>
        returnFormLoader(args(getRequest(`/orders/${orderId}/return?reason=CHANGED_MIND&qty-0=1`, shopper.cookie), { id: orderId })),
      )
    ).json()) as typeof body;
    expect(withContact.preview.alternatives.at(-1)).toEqual({
      key: "returns:alternatives.platform",
      params: { contact: "help@globalbuy.example" },
    });
    await db.returnSettings.update({ where: { id: "default" }, data: { platformContact: "" } });
    // Posting the confirmation anyway (a crafted form): 400 with the reason, nothing written.
    const posted = await respond(() =>
      returnFormAction(
        args(multipartRequest(`/orders/${orderId}/return`, { reason: "CHANGED_MIND", "qty-0": "1" }, {}, shopper.cookie), { id: orderId }),
      ),
    );
    expect(posted.status).toBe(400);
    expect(((await posted.json()) as typeof body).preview.verdict).toBe("INELIGIBLE");
    expect(await db.returnRequest.count({ where: { orderId } })).toBe(0);
    // A platform-fault reason is still open: its preview is a breakdown to confirm.
    const damaged = (await (
      await respond(() =>
        returnFormLoader(args(getRequest(`/orders/${orderId}/return?reason=DAMAGED&qty-0=1`, shopper.cookie), { id: orderId })),
      )
    ).json()) as typeof body;
    expect(damaged.preview.verdict).toBe("ELIGIBLE");
    expect(damaged.preview.computation).not.toBeNull();
  });

  test("nothing left to return: said at once, pointing at the returns in progress", async () => {
    const { shopper, orderId } = await deliveredOrder(agent, [{ listingId: world.cheapListingId }]);
    await file(shopper, orderId, { reason: "CHANGED_MIND", requested: [{ position: 0, quantity: 1 }] });
    const body = (await (
      await respond(() => returnFormLoader(args(getRequest(`/orders/${orderId}/return`, shopper.cookie), { id: orderId })))
    ).json()) as { initial: { verdict: string; alternatives: { key: string }[] } };
    expect(body.initial.verdict).toBe("NOTHING_RETURNABLE");
    expect(body.initial.alternatives[0]?.key).toBe("returns:alternatives.existingReturns");
  });
});
