import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { previousChinaDay } from "~/domain/payments/reconcile";
import { TMP_DIR } from "../db-template";
import { billCsv, billZip } from "../fixtures/alipay-bill";
import { startServer, type RunningServer } from "../server-process";
import { DEMO, logIn, setupBrowser } from "./browser";
import { startFakeAlipay, type FakeAlipay } from "./fake-alipay";

// Issue 16 item 3 in Chromium, without JavaScript: an admin reconciles yesterday against the fake
// Alipay's bill (a payment we never credited), reads the difference with both amounts, and marks it
// handled with a note. Its own app server, configured for Alipay against the fake gateway.

const browser = setupBrowser();
const keyDir = path.join(TMP_DIR, "e2e-reconciliation-keys");
let cashier: FakeAlipay;
let server: RunningServer;

beforeAll(async () => {
  cashier = await startFakeAlipay(keyDir);
  server = await startServer({
    databaseFile: path.join(TMP_DIR, "e2e-reconciliation.db"),
    ownOrigin: true,
    env: {
      ...cashier.env,
      ALLOW_PRIVATE_STORE_HOSTS: "1",
      WORKER: "off",
      RATE_LIMITS: "off",
      LOG_LEVEL: "warn",
      UPLOAD_DIR: path.join(TMP_DIR, "e2e-reconciliation-uploads"),
    },
  });
}, 120_000);

afterAll(async () => {
  await server?.stop();
  await cashier?.close();
  fs.rmSync(keyDir, { recursive: true, force: true });
});

describe("reconciliation", () => {
  test("an admin reconciles yesterday, sees the payment we never credited, and marks it handled (no JavaScript)", async () => {
    const yesterday = previousChinaDay(new Date());
    const csv = billCsv([{ providerTradeNo: "2026120422001499999", outTradeNo: "TUNEVERCREDITED1", amount: "66.00" }], {
      billDate: yesterday,
    });
    cashier.bills.set(yesterday, billZip(csv, yesterday));

    const context = await browser.context({ baseURL: server.baseUrl, javaScriptEnabled: false });
    const admin = await context.newPage();
    await logIn(admin, DEMO.admin);
    await admin.goto("/admin");
    await admin.getByRole("link", { name: "对账", exact: true }).click();
    await admin.waitForURL(/\/admin\/reconciliation$/);
    await admin.getByRole("heading", { name: "支付宝对账" }).waitFor();
    expect(await admin.getByLabel("日期（北京时间）").inputValue()).toBe(yesterday);
    await admin.getByRole("button", { name: "对账这一天" }).click();
    await admin.waitForURL(new RegExp(`day=${yesterday}`));

    const body = admin.locator("main");
    await body.getByText("我们未入账").first().waitFor();
    expect(await body.textContent()).toContain("TUNEVERCREDITED1");
    expect(await body.textContent()).toContain("¥66.00");
    expect(await admin.getByRole("row", { name: new RegExp(yesterday) }).textContent()).toContain("有差异");

    await admin.getByLabel("备注").fill("顾客已确认，另行入账");
    await admin.getByRole("button", { name: "标记为已处理" }).click();
    await admin.getByText("已将该差异标记为已处理。").waitFor();
    expect(await body.textContent()).toContain("顾客已确认，另行入账");
    expect(await admin.getByRole("button", { name: "标记为已处理" }).count()).toBe(0);

    // With JavaScript the same page hydrates without errors.
    const live = await browser.context({ baseURL: server.baseUrl });
    const page = await live.newPage();
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    await logIn(page, DEMO.admin);
    await page.goto(`/admin/reconciliation?day=${yesterday}`);
    await page.getByText("顾客已确认，另行入账").waitFor();
    expect(errors).toEqual([]);
    await context.close();
    await live.close();
  });
});
