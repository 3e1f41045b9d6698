import { beforeAll, describe, expect, test } from "vitest";
import { action as campaignAction, loader as campaignLoader } from "~/routes/admin.campaigns_.$id";
import { action as campaignsAction, loader as campaignsLoader } from "~/routes/admin.campaigns";
import { action as settingsAction, loader as settingsLoader } from "~/routes/account_.notifications";
import { action as unsubscribeAction, loader as unsubscribeLoader } from "~/routes/unsubscribe.$token";
import { runCampaigns, sendCampaign, setWeeklyCap } from "~/services/campaigns.server";
import { getPreferences, unsubscribeUrl } from "~/services/notification-preferences.server";
import { notify } from "~/services/notifications.server";
import { db } from "~/utils/db.server";
import { BASE, createTestUser, formRequest, getRequest, respond } from "./helpers";
import { seedOrderWorld } from "./order-fixtures";

// Notification preferences, one-click unsubscribe, the marketing cap and campaigns on a real database.

type Person = Awaited<ReturnType<typeof createTestUser>>;
let world: Awaited<ReturnType<typeof seedOrderWorld>>;
let admin: Person;

const args = (request: Request, params: Record<string, string> = {}) => ({ request, params, context: {} });
const tell = (user: Person, kind: string, params: Record<string, string | null> = {}) =>
  db.$transaction((tx) => notify(tx, { userId: user.id, email: user.email }, kind, { title: "耳机", ...params }, "/x"));
const counts = async (user: Person, kind: string) => ({
  inSite: await db.notification.count({ where: { userId: user.id, kind } }),
  mail: await db.emailOutbox.count({ where: { to: user.email } }),
});
const saveSettings = (user: Person, fields: Record<string, string>) =>
  respond(() => settingsAction(args(formRequest("/account/notifications", fields, { cookie: user.cookie }))));
const tokenOf = (url: string) => url.slice(url.lastIndexOf("/") + 1);
const postUnsubscribe = (token: string, body = "List-Unsubscribe=One-Click") =>
  respond(() =>
    unsubscribeAction(
      args(
        new Request(`${BASE}/unsubscribe/${token}`, {
          method: "POST",
          headers: { "Content-Type": "application/x-www-form-urlencoded" },
          body,
        }),
        { token },
      ),
    ),
  );

async function marketingShopper(channels: Record<string, string> = { "MARKETING.inSite": "on", "MARKETING.email": "on" }) {
  const shopper = await createTestUser("SHOPPER");
  expect((await saveSettings(shopper, channels)).status).toBe(302);
  return shopper;
}

async function draftCampaign(subject = "新品") {
  const response = await respond(() =>
    campaignsAction(
      args(
        formRequest(
          "/admin/campaigns",
          {
            intent: "create",
            kind: "NEW_ARRIVALS",
            storeId: world.storeId,
            subjectZh: subject,
            subjectEn: `New ${subject}`,
            introZh: "看看",
            introEn: "Have a look",
          },
          { cookie: admin.cookie },
        ),
      ),
    ),
  );
  expect(response.status).toBe(302);
  return (response.headers.get("Location") ?? "").split("/").pop() ?? "";
}

async function queue(id: string) {
  const response = await respond(() =>
    campaignAction(args(formRequest(`/admin/campaigns/${id}`, { intent: "send" }, { cookie: admin.cookie }), { id })),
  );
  expect(response.status).toBe(302);
}

beforeAll(async () => {
  world = await seedOrderWorld();
  admin = await createTestUser("ADMIN");
  await db.listing.update({ where: { id: world.listingId }, data: { landedFen: 123_456 } });
  await db.listingImage.create({ data: { listingId: world.listingId, url: "/uploads/headphones.jpg", alt: "", position: 0 } });
});

describe("preferences", () => {
  test("defaults: marketing off, the rest on; a campaign notice reaches nobody who did not opt in", async () => {
    const shopper = await createTestUser("SHOPPER");
    expect(await getPreferences(shopper.id)).toEqual({
      SERVICE: { inSite: true, email: true },
      ALERTS: { inSite: true, email: true },
      MARKETING: { inSite: false, email: false },
    });
    const result = await tell(shopper, "CAMPAIGN", { subjectZh: "促销" });
    expect(result).toEqual({ notificationId: null, emailId: null });
    expect(await counts(shopper, "CAMPAIGN")).toEqual({ inSite: 0, mail: 0 });
  });

  test("order updates are delivered on both channels even after a shopper unchecks everything", async () => {
    const shopper = await createTestUser("SHOPPER");
    expect((await saveSettings(shopper, { "ORDER.inSite": "off" })).headers.get("Location")).toBe("/account/notifications?saved=1");
    await tell(shopper, "ORDER_NOTICE", { number: "D1" });
    await tell(shopper, "PRICE_DROP", { total: "9.00" });
    expect(await counts(shopper, "ORDER_NOTICE")).toEqual({ inSite: 1, mail: 1 });
    expect(await db.notification.count({ where: { userId: shopper.id, kind: "PRICE_DROP" } })).toBe(0);
    const page = (await (await respond(() => settingsLoader(args(getRequest("/account/notifications", shopper.cookie))))).json()) as {
      preferences: Record<string, unknown>;
    };
    expect(page.preferences).not.toHaveProperty("ORDER");
    expect(page.preferences.ALERTS).toEqual({ inSite: false, email: false });
  });

  test("each channel is respected: alerts on the site only, no mail", async () => {
    const shopper = await createTestUser("SHOPPER");
    await saveSettings(shopper, { "ALERTS.inSite": "on", "SERVICE.email": "on" });
    await tell(shopper, "PRICE_DROP", { total: "9.00" });
    expect(await counts(shopper, "PRICE_DROP")).toEqual({ inSite: 1, mail: 0 });
    await tell(shopper, "QUESTION_ANSWERED");
    expect(await counts(shopper, "QUESTION_ANSWERED")).toEqual({ inSite: 0, mail: 1 });
  });

  test("a bad settings form is a 400 and changes nothing; a visitor is sent to log in", async () => {
    const shopper = await createTestUser("SHOPPER");
    expect((await saveSettings(shopper, { "MARKETING.email": "yes please" })).status).toBe(400);
    expect((await getPreferences(shopper.id)).MARKETING).toEqual({ inSite: false, email: false });
    const visitor = await respond(() => settingsLoader(args(getRequest("/account/notifications"))));
    expect(visitor.headers.get("Location")).toMatch(/^\/login/);
  });
});

describe("unsubscribe", () => {
  test("marketing mail carries the link and RFC 8058 headers; a mail client's one-click POST without login turns marketing off", async () => {
    const shopper = await marketingShopper();
    await tell(shopper, "CAMPAIGN", { subjectZh: "促销", subjectEn: "Sale" });
    const mail = await db.emailOutbox.findFirstOrThrow({ where: { to: shopper.email }, select: { body: true, headers: true } });
    const headers = JSON.parse(mail.headers ?? "{}") as Record<string, string>;
    expect(headers["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");
    const link = /^<(https?:\/\/[^>]+\/unsubscribe\/[^>]+)>$/.exec(headers["List-Unsubscribe"] ?? "")?.[1] ?? "";
    expect(link).not.toBe("");
    expect(mail.body).toContain(link);
    const token = tokenOf(link);

    const page = await respond(() => unsubscribeLoader(args(getRequest(`/unsubscribe/${token}`), { token })));
    expect(page.status).toBe(200);
    expect(await page.json()).toEqual({ valid: true, category: "MARKETING" });
    expect((await getPreferences(shopper.id)).MARKETING).toEqual({ inSite: true, email: true }); // GET changes nothing

    const done = await postUnsubscribe(token);
    expect(done.status).toBe(200);
    expect(await done.json()).toEqual({ done: true, category: "MARKETING" });
    expect((await getPreferences(shopper.id)).MARKETING).toEqual({ inSite: false, email: false });
    expect((await postUnsubscribe(token, "")).status).toBe(200); // the button, again: still fine
    await tell(shopper, "CAMPAIGN", { subjectZh: "又一个" });
    expect(await db.notification.count({ where: { userId: shopper.id, kind: "CAMPAIGN" } })).toBe(1);
  });

  test("a forged or broken token is a 404 page and changes nothing; a non-form body is a 415", async () => {
    const shopper = await marketingShopper();
    const genuine = tokenOf(unsubscribeUrl(shopper.id, "MARKETING"));
    const forged = `${genuine.slice(0, genuine.lastIndexOf(".") + 1)}${"A".repeat(43)}`;
    const otherUser = genuine.replace(/^u1\.[^.]+/, `u1.${Buffer.from(admin.id).toString("base64url")}`);
    for (const token of [forged, otherUser, "nonsense", "x".repeat(3000)]) {
      expect((await respond(() => unsubscribeLoader(args(getRequest(`/unsubscribe/${token}`), { token })))).status).toBe(404);
      expect((await postUnsubscribe(token)).status).toBe(404);
    }
    const json = await respond(() =>
      unsubscribeAction(
        args(
          new Request(`${BASE}/unsubscribe/${genuine}`, { method: "POST", headers: { "Content-Type": "application/json" }, body: "{}" }),
          {
            token: genuine,
          },
        ),
      ),
    );
    expect(json.status).toBe(415);
    expect((await getPreferences(shopper.id)).MARKETING).toEqual({ inSite: true, email: true });
  });
});

describe("campaigns", () => {
  test("shoppers and agents get 403 on the admin pages; bad input is a 400 with nothing written", async () => {
    for (const role of ["SHOPPER", "AGENT"] as const) {
      const user = await createTestUser(role);
      expect((await respond(() => campaignsLoader(args(getRequest("/admin/campaigns", user.cookie))))).status).toBe(403);
      const post = formRequest("/admin/campaigns", { intent: "cap", weeklyCap: "9" }, { cookie: user.cookie });
      expect((await respond(() => campaignsAction(args(post)))).status).toBe(403);
    }
    const before = await db.campaign.count();
    const bad: Record<string, string>[] = [
      { intent: "create", kind: "NEW_ARRIVALS", subjectZh: "a", subjectEn: "b", introZh: "c", introEn: "d" },
      { intent: "create", kind: "CATEGORY_SALE", categorySlug: "no-such", subjectZh: "a", subjectEn: "b", introZh: "c", introEn: "d" },
      { intent: "create", kind: "SPAM", storeId: world.storeId, subjectZh: "a", subjectEn: "b", introZh: "c", introEn: "d" },
      {
        intent: "create",
        kind: "NEW_ARRIVALS",
        storeId: world.storeId,
        subjectZh: "a".repeat(500),
        subjectEn: "b",
        introZh: "c",
        introEn: "d",
      },
      { intent: "cap", weeklyCap: "99" },
      { intent: "cap", weeklyCap: "0x1" },
    ];
    for (const fields of bad) {
      const response = await respond(() => campaignsAction(args(formRequest("/admin/campaigns", fields, { cookie: admin.cookie }))));
      expect(response.status).toBe(400);
    }
    expect(await db.campaign.count()).toBe(before);
  });

  test("the preview shows both languages with titles, thumbnails and landed prices; sending is audited", async () => {
    const id = await draftCampaign("耳机上新");
    const page = (await (await respond(() => campaignLoader(args(getRequest(`/admin/campaigns/${id}`, admin.cookie), { id })))).json()) as {
      previews: { locale: string; subject: string; items: { title: string; image: string | null; price: string | null }[] }[];
    };
    expect(page.previews.map((preview) => [preview.locale, preview.subject])).toEqual([
      ["zh-CN", "耳机上新"],
      ["en", "New 耳机上新"],
    ]);
    const zh = page.previews[0]?.items.find((item) => item.image);
    expect(zh).toMatchObject({ title: "头戴式耳机", image: "/uploads/headphones.jpg" });
    expect(zh?.price).toContain("1,234.56");
    expect(page.previews[1]?.items.some((item) => item.title.startsWith("Headphones"))).toBe(true);
    await queue(id);
    await queue(id); // a second click: still queued once
    expect(await db.auditLog.count({ where: { entity: "Campaign", entityId: id } })).toBe(2);
    expect(await db.jobRun.count({ where: { job: "campaigns", outcome: "QUEUED" } })).toBe(1);
    await runCampaigns("CLI", "test");
  });

  test("a campaign reaches each opted-in shopper once even when the job runs twice at once, by their channels", async () => {
    await setWeeklyCap(admin, 5);
    const both = await marketingShopper();
    const mailOnly = await marketingShopper({ "MARKETING.email": "on" });
    const notOptedIn = await createTestUser("SHOPPER");
    const id = await draftCampaign("双十二");
    await queue(id);
    const runs = await Promise.all([runCampaigns("CLI", "worker-a"), runCampaigns("CLI", "worker-b")]);
    // One holds the lease; the other skips, or (if the first was already done) finds nothing to send.
    for (const run of runs) expect(["OK", "SKIPPED"]).toContain(run.outcome);
    await runCampaigns("CLI", "worker-a"); // and once more, later: nothing new
    await sendCampaign(id);
    expect(await counts(both, "CAMPAIGN")).toEqual({ inSite: 1, mail: 1 });
    expect(await counts(mailOnly, "CAMPAIGN")).toEqual({ inSite: 0, mail: 1 });
    expect(await counts(notOptedIn, "CAMPAIGN")).toEqual({ inSite: 0, mail: 0 });
    const statusOf = async (user: Person) =>
      (await db.campaignDelivery.findUniqueOrThrow({ where: { campaignId_userId: { campaignId: id, userId: user.id } } })).status;
    expect([await statusOf(both), await statusOf(mailOnly), await statusOf(notOptedIn)]).toEqual(["SENT", "SENT", "NOT_OPTED_IN"]);
    const mail = await db.emailOutbox.findFirstOrThrow({
      where: { to: mailOnly.email },
      select: { subject: true, html: true, headers: true },
    });
    expect(mail.subject).toBe("双十二");
    expect(mail.html).toContain("headphones.jpg");
    expect(mail.headers).toContain("List-Unsubscribe");
    expect((await db.campaign.findUniqueOrThrow({ where: { id } })).status).toBe("SENT");
  });

  test("the weekly cap holds under two campaigns sending at once; the capped shopper is recorded as skipped", async () => {
    await setWeeklyCap(admin, 1);
    const shopper = await marketingShopper();
    const first = await draftCampaign("一");
    const second = await draftCampaign("二");
    await queue(first);
    await queue(second);
    await Promise.all([sendCampaign(first), sendCampaign(second)]);
    expect(await counts(shopper, "CAMPAIGN")).toEqual({ inSite: 1, mail: 1 });
    const statuses = await db.campaignDelivery.findMany({
      where: { userId: shopper.id, campaignId: { in: [first, second] } },
      select: { status: true },
    });
    expect(statuses.map((row) => row.status).sort()).toEqual(["SENT", "SKIPPED_CAP"]);
    const list = (await (await respond(() => campaignsLoader(args(getRequest("/admin/campaigns", admin.cookie))))).json()) as {
      campaigns: { id: string; tally: { sent: number; skippedCap: number } }[];
    };
    const tallies = list.campaigns.filter((row) => row.id === first || row.id === second).map((row) => row.tally.skippedCap);
    expect(tallies.reduce((sum, value) => sum + value, 0)).toBeGreaterThanOrEqual(1);
    await setWeeklyCap(admin, 2);
  });
});
