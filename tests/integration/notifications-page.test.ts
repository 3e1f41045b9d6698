import { describe, expect, test } from "vitest";
import { action, loader } from "~/routes/notifications";
import { notify } from "~/services/notifications.server";
import { db } from "~/utils/db.server";
import { createTestUser, formRequest, getRequest, respond } from "./helpers";

describe("the notifications page", () => {
  test("a shopper sees only their own notifications and marks them read; another's ids do nothing", async () => {
    const me = await createTestUser("SHOPPER");
    const other = await createTestUser("SHOPPER");
    const mine = await db.$transaction((tx) =>
      notify(tx, { userId: me.id, email: me.email }, "PRICE_DROP", { title: "耳机", total: "1999.00", before: "2099.00" }, "/listings/x"),
    );
    const theirs = await db.$transaction((tx) =>
      notify(tx, { userId: other.id, email: other.email }, "PRICE_DROP", { title: "毛衣", total: "399.00", before: null }, "/listings/y"),
    );

    const page = (await (
      await respond(() => loader({ request: getRequest("/notifications", me.cookie), params: {}, context: {} }))
    ).json()) as { notifications: { id: string }[] };
    expect(page.notifications.map((item) => item.id)).toEqual([mine.notificationId]);

    const response = await respond(() =>
      action({
        request: formRequest("/notifications", { id: theirs.notificationId ?? "" }, { cookie: me.cookie }),
        params: {},
        context: {},
      }),
    );
    expect(response.status).toBe(302);
    expect((await db.notification.findUniqueOrThrow({ where: { id: theirs.notificationId ?? "" } })).readAt).toBeNull();

    await respond(() =>
      action({ request: formRequest("/notifications", { id: mine.notificationId ?? "" }, { cookie: me.cookie }), params: {}, context: {} }),
    );
    expect((await db.notification.findUniqueOrThrow({ where: { id: mine.notificationId ?? "" } })).readAt).not.toBeNull();

    const bad = await respond(() => action({ request: formRequest("/notifications", {}, { cookie: me.cookie }), params: {}, context: {} }));
    expect(bad.status).toBe(400);
  });
});
