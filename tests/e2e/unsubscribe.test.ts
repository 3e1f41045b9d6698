import { spawnSync } from "node:child_process";
import path from "node:path";
import Database from "better-sqlite3";
import type { Page } from "playwright-core";
import { describe, expect, inject, test } from "vitest";
import { DEMO, logIn, setupBrowser } from "./browser";
import { signUpShopper } from "./order-flow";

// Issue 19 (campaigns and one-click unsubscribe), end to end in Chromium: a shopper turns marketing on,
// an admin composes, previews and sends a campaign, the campaigns job delivers it, and the link in the
// shopper's mail, opened signed out, turns marketing off for good: the settings page shows it off and a
// second campaign does not reach them.

const browser = setupBrowser();

function readDb<T>(sql: string, ...params: unknown[]): T[] {
  const db = new Database(inject("databaseFile"), { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

/** The campaigns job, as `npm run job -- campaigns` runs it, on the server's database (its worker is off). */
function runCampaignsJob() {
  const result = spawnSync(path.resolve("node_modules/.bin/tsx"), ["jobs/cli/job.ts", "campaigns", "--json"], {
    env: {
      ...process.env,
      NODE_ENV: "test",
      DATABASE_URL: `file:${inject("databaseFile")}`,
      SESSION_SECRET: "test-session-secret-0123456789",
      APP_ORIGIN: inject("baseUrl"),
    },
    encoding: "utf8",
    timeout: 60_000,
  });
  if (result.status !== 0) throw new Error(`campaigns job failed: ${result.stderr}${result.stdout}`);
}

async function composeAndSend(admin: Page, subject: string) {
  await admin.goto("/admin/campaigns");
  await admin.getByLabel("活动类型").selectOption("NEW_ARRIVALS");
  await admin.getByLabel("店铺（店铺新品）").selectOption({ label: "Pacific Outfitters" });
  await admin.getByLabel("标题（中文）").fill(subject);
  await admin.getByLabel("标题（英文）").fill(`${subject} (EN)`);
  await admin.getByLabel("导语（中文）").fill("本周新到的户外装备。");
  await admin.getByLabel("导语（英文）").fill("This week's new outdoor gear.");
  await admin.getByRole("button", { name: "保存并预览" }).click();
  await admin.waitForURL(/\/admin\/campaigns\/[^/]+$/);
  const zh = admin.getByTestId("preview-zh-CN");
  const en = admin.getByTestId("preview-en");
  await zh.getByRole("heading", { name: subject }).waitFor();
  await en.getByRole("heading", { name: `${subject} (EN)` }).waitFor();
  expect(await zh.getByRole("listitem").count()).toBeGreaterThan(0);
  expect(await zh.textContent()).toMatch(/¥|￥|CN¥/);
  await admin.getByRole("button", { name: "发送活动" }).click();
  await admin.getByText("活动已排队，任务会在一分钟内发送。").waitFor();
  runCampaignsJob();
  await admin.reload();
  await admin.getByTestId("campaign-status").filter({ hasText: "已发送" }).waitFor();
}

describe("campaigns and one-click unsubscribe", () => {
  test("opt in, receive a campaign, unsubscribe signed out from the mail's link, and receive no more", async () => {
    const pageErrors: string[] = [];
    const shopperContext = await browser.context();
    const shopper = await shopperContext.newPage();
    shopper.on("pageerror", (error) => pageErrors.push(`shopper ${shopper.url()}: ${error.message}`));
    const email = await signUpShopper(shopper, "promo");

    // Marketing is off by default; the shopper turns it on from the account page.
    await shopper.goto("/account");
    await shopper.getByRole("link", { name: "通知设置" }).click();
    const marketing = shopper.getByRole("group", { name: "营销活动" });
    expect(await marketing.getByLabel("邮件").isChecked()).toBe(false);
    expect(await shopper.getByRole("group", { name: "订单与账户" }).getByLabel("邮件").isDisabled()).toBe(true);
    await marketing.getByLabel("站内通知").check();
    await marketing.getByLabel("邮件").check();
    await shopper.getByRole("button", { name: "保存设置" }).click();
    await shopper.getByText("通知设置已保存。").waitFor();

    const adminContext = await browser.context();
    const admin = await adminContext.newPage();
    admin.on("pageerror", (error) => pageErrors.push(`admin ${admin.url()}: ${error.message}`));
    await logIn(admin, DEMO.admin);
    await admin.goto("/admin");
    await admin.getByRole("link", { name: "营销活动" }).click();
    await admin.waitForURL(/\/admin\/campaigns$/);
    const first = `户外上新 ${Date.now()}`;
    await composeAndSend(admin, first);
    await admin.getByTestId("recipient").filter({ hasText: email }).filter({ hasText: "已发送" }).waitFor();

    // The shopper's mail: the campaign, with the one-click link in the text and the RFC 8058 headers.
    const [mail] = readDb<{ body: string; headers: string | null }>(
      `SELECT "body", "headers" FROM "EmailOutbox" WHERE "to" = ? AND "subject" = ?`,
      email,
      first,
    );
    expect(mail).toBeDefined();
    const link = /\/unsubscribe\/[A-Za-z0-9._-]+/.exec(mail?.body ?? "")?.[0] ?? "";
    expect(link).not.toBe("");
    expect(JSON.parse(mail?.headers ?? "{}")).toMatchObject({ "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" });
    await shopper.goto("/notifications");
    await shopper.getByText(`【活动】${first}`).waitFor();

    // Opened signed out (another browser, no session): a confirmation first, then marketing is off.
    const strangerContext = await browser.context();
    const stranger = await strangerContext.newPage();
    stranger.on("pageerror", (error) => pageErrors.push(`stranger ${stranger.url()}: ${error.message}`));
    await stranger.goto(link);
    await stranger.getByRole("button", { name: "确认退订" }).click();
    await stranger.getByText("已退订：您不会再收到“营销活动”类消息。").waitFor();
    // A mail client's own one-click POST (RFC 8058), from elsewhere and without a session, is accepted too.
    const oneClick = await fetch(`${inject("baseUrl")}${link}`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: "https://mail.example" },
      body: "List-Unsubscribe=One-Click",
    });
    expect(oneClick.status).toBe(200);
    await stranger.goto(`${link.slice(0, -4)}AAAA`);
    await stranger.getByText(/此退订链接无效/).waitFor();
    await strangerContext.close();

    await shopper.goto("/account/notifications");
    expect(await marketing.getByLabel("站内通知").isChecked()).toBe(false);
    expect(await marketing.getByLabel("邮件").isChecked()).toBe(false);

    // A second campaign does not reach them.
    const second = `户外二波 ${Date.now()}`;
    await composeAndSend(admin, second);
    await admin.getByTestId("recipient").filter({ hasText: email }).filter({ hasText: "未开启" }).waitFor();
    expect(readDb(`SELECT "id" FROM "EmailOutbox" WHERE "to" = ? AND "subject" = ?`, email, second)).toHaveLength(0);
    await shopper.goto("/notifications");
    expect(await shopper.getByText(`【活动】${second}`).count()).toBe(0);

    await adminContext.close();
    await shopperContext.close();
    expect(pageErrors).toEqual([]);
  });
});
