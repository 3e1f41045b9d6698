import { describe, expect, test } from "vitest";
import { listNotifications, markNotificationsRead, notify } from "~/services/notifications.server";
import { db } from "~/utils/db.server";
import { createTestUser } from "../helpers";

describe("notifications", () => {
  test("notify writes the notification and its email together; list shows only the owner's, newest first", async () => {
    const shopper = await createTestUser("SHOPPER");
    const other = await createTestUser("SHOPPER");
    const outboxBefore = await db.emailOutbox.count();
    await notify(shopper.id, "priceDrop", { listingId: "l1", price: "99.00" }, "/listings/l1");
    const { emailId } = await notify(shopper.id, "priceDrop", { listingId: "l2" }, null, {
      to: shopper.email,
      subject: "降价提醒",
      body: "…",
    });
    await notify(other.id, "priceDrop", { listingId: "l3" });
    expect(emailId).not.toBeNull();
    expect(await db.emailOutbox.count()).toBe(outboxBefore + 1);
    const mine = await listNotifications(shopper.id);
    expect(mine.map((row) => row.params.listingId)).toEqual(["l2", "l1"]);
    expect(mine[1]).toMatchObject({ kind: "priceDrop", link: "/listings/l1", readAt: null });
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
    await expect(notify("no-such-user", "priceDrop", {}, null, { to: "x@example.com", subject: "s", body: "b" })).rejects.toThrow();
    expect(await db.emailOutbox.count()).toBe(outboxBefore);
  });
});
