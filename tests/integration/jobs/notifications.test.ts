import { describe, expect, test } from "vitest";
import { action as setLocale } from "~/routes/set-locale";
import { transitionOrder } from "~/services/order-transitions.server";
import { listNotifications, markNotificationsRead, notify } from "~/services/notifications.server";
import { db } from "~/utils/db.server";
import { createTestUser, formRequest, respond } from "../helpers";
import { asActor, deposit, orderRow, placeNewOrder, seedOrderWorld, sessionUser } from "../order-fixtures";

const recipientOf = (user: { id: string; email: string }) => ({ userId: user.id, email: user.email });
const tell = (user: { id: string; email: string }, kind: string, params: Record<string, string | null>, link: string) =>
  db.$transaction((tx) => notify(tx, recipientOf(user), kind, params, link));

async function lastMailTo(email: string) {
  return db.emailOutbox.findFirstOrThrow({
    where: { to: email },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { subject: true, body: true, html: true },
  });
}

const HAN = /[\u4e00-\u9fff]/;

describe("notifications", () => {
  test("notify writes the notification and its mail together; list shows only the owner's, newest first", async () => {
    const shopper = await createTestUser("SHOPPER");
    const other = await createTestUser("SHOPPER");
    const outboxBefore = await db.emailOutbox.count({ where: { to: shopper.email } });
    await tell(shopper, "PRICE_DROP", { listingId: "l1", title: "耳机", total: "99.00", before: null }, "/listings/l1");
    const { emailId } = await tell(
      shopper,
      "PRICE_DROP",
      { listingId: "l2", title: "毛衣", total: "59.00", before: "69.00" },
      "/listings/l2",
    );
    await tell(other, "PRICE_DROP", { listingId: "l3", title: "帽子", total: "9.00", before: null }, "/listings/l3");
    expect(emailId).not.toBeNull();
    expect(await db.emailOutbox.count({ where: { to: shopper.email } })).toBe(outboxBefore + 2);
    const mine = await listNotifications(shopper.id);
    expect(mine.map((row) => row.params.listingId)).toEqual(["l2", "l1"]);
    expect(mine[1]).toMatchObject({ kind: "PRICE_DROP", link: "/listings/l1", readAt: null });
    expect(
      await markNotificationsRead(
        other.id,
        mine.map((row) => row.id),
      ),
    ).toBe(0);
    expect(await markNotificationsRead(shopper.id, [mine[0]?.id ?? ""])).toBe(1);
    expect(await listNotifications(shopper.id, { unreadOnly: true })).toHaveLength(1);
  });

  test("nothing is written when the notification cannot be stored (one transaction)", async () => {
    const outboxBefore = await db.emailOutbox.count();
    await expect(
      tell({ id: "no-such-user", email: "x@example.com" }, "PRICE_DROP", { title: "耳机", total: "1.00" }, "/listings/x"),
    ).rejects.toThrow();
    expect(await db.emailOutbox.count()).toBe(outboxBefore);
  });

  test("an order update is mailed in the language the shopper chose: English for English, Chinese for zh-CN", async () => {
    const { listingId } = await seedOrderWorld();
    const agent = await sessionUser("AGENT");
    const english = await sessionUser("SHOPPER");
    const chinese = await sessionUser("SHOPPER");
    // The English reader switched the site to English while signed in; the other kept the default.
    const switched = await respond(() =>
      setLocale({
        request: formRequest("/set-locale", { locale: "en", redirectTo: "/" }, { cookie: english.cookie }),
        params: {},
        context: {},
      }),
    );
    expect(switched.status).toBe(302);
    expect(await db.user.findUniqueOrThrow({ where: { id: english.id }, select: { locale: true } })).toEqual({ locale: "en" });

    // The order names its product in every mail: the Chinese title for Chinese readers, the original for English ones.
    await db.listingImage.create({ data: { listingId, url: "/demo/headphones.svg", alt: "headphones", position: 0 } });
    const { title } = await db.listing.findUniqueOrThrow({ where: { id: listingId }, select: { title: true } });
    for (const shopper of [english, chinese]) {
      await deposit(shopper.id, 200_000);
      const { orderId } = await placeNewOrder(shopper, listingId);
      const { version, number } = await orderRow(orderId);
      expect(await transitionOrder(asActor(agent), orderId, { to: "PURCHASING", version })).toEqual({ ok: true, status: "PURCHASING" });
      const mail = await lastMailTo(shopper.email);
      if (shopper === english) {
        expect(mail.subject).toBe(`Your order ${number} was updated · ${title}`);
        expect(mail.body).toContain(`Item: ${title}\nOrder ${number}: an agent is buying your goods.`);
        expect(mail.body).toMatch(new RegExp(`View the order: https?://[^/]+/orders/${orderId}$`));
        expect(mail.subject + mail.body).not.toMatch(HAN);
      } else {
        expect(mail.subject).toBe(`您的代购订单 ${number} 有更新 · 头戴式耳机`);
        expect(mail.body).toContain("商品：头戴式耳机");
        expect(mail.body).toContain(number);
        expect(mail.body).toMatch(HAN);
        expect(mail.body).toMatch(new RegExp(`查看订单: https?://[^/]+/orders/${orderId}$`));
      }
      // The HTML part shows the thumbnail from the site's own origin, never a relative path.
      expect(mail.html).toMatch(/<img src="https?:\/\/[^/"]+\/demo\/headphones\.svg"/);
      expect(mail.html).toContain(shopper === english ? title : "头戴式耳机");
    }
  });

  test("a price drop is mailed in the watcher's language, from the locales, with the prices formatted for them", async () => {
    const english = await createTestUser("SHOPPER");
    const chinese = await createTestUser("SHOPPER");
    await db.user.update({ where: { id: english.id }, data: { locale: "en" } });
    const params = {
      listingId: "l9",
      title: "索尼 WH-1000XM5 耳机",
      titleOriginal: "Sony WH-1000XM5",
      total: "1999.00",
      before: "2099.00",
    };
    await tell(english, "PRICE_DROP", params, "/listings/l9");
    await tell(chinese, "PRICE_DROP", params, "/listings/l9");
    const inEnglish = await lastMailTo(english.email);
    expect(inEnglish.subject).toBe("Price drop: Sony WH-1000XM5 now lands at CN¥1,999.00");
    expect(inEnglish.body).toMatch(/View the listing: https?:\/\/[^/]+\/listings\/l9$/);
    expect(inEnglish.subject + inEnglish.body).not.toMatch(HAN);
    expect(inEnglish.body).toContain("Item: Sony WH-1000XM5");
    const inChinese = await lastMailTo(chinese.email);
    expect(inChinese.subject).toBe("降价提醒：索尼 WH-1000XM5 耳机 到手价 ¥1,999.00");
    expect(inChinese.body).toContain("商品：索尼 WH-1000XM5 耳机");
    expect(inChinese.body).toMatch(/查看商品: https?:\/\/[^/]+\/listings\/l9$/);
  });
});
