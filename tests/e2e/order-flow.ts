import Database from "better-sqlite3";
import type { BrowserContext, Page } from "playwright-core";
import { expect, inject } from "vitest";
import { png } from "../../prisma/seed-data/parcel-photo";
import { DEMO, logIn, waitForSignedIn } from "./browser";

// The order flow of orders.test.ts as reusable steps, for tests that need a delivered order made the
// real way: a new shopper tops up (an admin confirms the transfer), checks out with the wallet, and
// the demo agent moves the order through every step on the order page's forms.

/** The live feed wakes a page at once; the generous wait only covers a slow machine. */
export const LIVE = { timeout: 20_000, interval: 200 };

/** A real 8×8 RGB PNG (a checkerboard of the two colours), built byte by byte. */
export function smallPng(
  colours: [number[], number[]] = [
    [220, 40, 40],
    [40, 40, 220],
  ],
) {
  return png(8, 8, (x, y) => ((x + y) % 2 === 0 ? colours[0] : colours[1]));
}

/** "¥1,234.56" → 123456 fen; "-¥50.00" (or "−¥50.00") → -5000. */
export function fen(text: string | null) {
  const match = /([-−])?\s*¥?\s*([\d,]+)\.(\d{2})/.exec(text ?? "");
  if (!match?.[2] || !match[3]) throw new Error(`not a CNY amount: ${text}`);
  const value = Number(match[2].replaceAll(",", "")) * 100 + Number(match[3]);
  return match[1] ? -value : value;
}

export async function walletBalanceFen(page: Page) {
  await page.goto("/wallet");
  return fen(await page.getByTestId("wallet-balance").textContent());
}

/** The path of the last sign-up or reset link the server's outbox holds for `to` (no SMTP in the tests: the mail waits there). */
export function mailedLinkPath(to: string, path: "signup" | "reset-password") {
  const db = new Database(inject("databaseFile"), { readonly: true, fileMustExist: true });
  try {
    const rows = db.prepare(`SELECT "body" FROM "EmailOutbox" WHERE "to" = ? ORDER BY "createdAt" DESC, "id" DESC`).all(to) as {
      body: string;
    }[];
    const match = new RegExp(`/${path}/[A-Za-z0-9_-]{43}`).exec(rows[0]?.body ?? "");
    if (!match) throw new Error(`no /${path}/ link mailed to ${to}`);
    return match[0];
  } finally {
    db.close();
  }
}

/** A fresh shopper, logged in on `page`: the sign-up form, then the link it mails. */
export async function signUpShopper(page: Page, prefix: string) {
  const email = `${prefix}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.com`;
  await page.goto("/signup");
  await page.getByLabel("电子邮箱").fill(email);
  await page.getByLabel("昵称").fill("端到端买家");
  await page.getByLabel("密码", { exact: true }).fill("Tracker-e2e-2024");
  await page.getByLabel("确认密码").fill("Tracker-e2e-2024");
  await page.getByRole("button", { name: "创建账户" }).click();
  await page.getByRole("heading", { name: "请查收邮件" }).waitFor();
  await page.goto(mailedLinkPath(email, "signup"));
  await page.getByRole("button", { name: "完成注册并登录" }).click();
  await waitForSignedIn(page);
  return email;
}

/** The shopper asks for a bank-transfer top-up on /wallet; the demo admin confirms it at /admin/topups. */
export async function topUp(shopper: Page, newContext: () => Promise<BrowserContext>, yuan: number) {
  await shopper.goto("/wallet");
  await shopper.getByLabel("充值金额（元）").fill(String(yuan));
  await shopper.getByRole("button", { name: "生成转账编号" }).click();
  const reference = (await shopper.getByTestId("top-up-reference").textContent()) ?? "";
  expect(reference).toMatch(/^TU-/);

  const adminContext = await newContext();
  const admin = await adminContext.newPage();
  await logIn(admin, DEMO.admin);
  await admin.goto("/admin/topups");
  await admin.locator("li", { hasText: reference }).getByRole("button", { name: "确认到账" }).click();
  await admin.locator("li", { hasText: reference }).waitFor({ state: "detached" });
  await adminContext.close();
}

/**
 * Selects a shipping line at checkout (unless it is already preselected) and waits until the page
 * shows its quote: with JavaScript the page re-quotes on it; the address changes before the page does.
 */
export async function chooseLine(page: Page, line: { name: RegExp; code: string }) {
  const radio = page.getByRole("radio", { name: line.name });
  if (!(await radio.isChecked())) {
    await radio.check();
    await page.waitForURL((url) => url.searchParams.get("line") === line.code);
  }
  await page.getByTestId("checkout-line").filter({ hasText: line.name }).waitFor();
}

export type PlacedOrder = { url: string; number: string; total: string; totalFen: number };

/**
 * From a category page to a paid order: the product, the quantity, the shipping line (a radio whose
 * name matches `line`), the address and, on a CBEC line, the identity; paid with the wallet.
 */
export async function checkOut(
  shopper: Page,
  options: { category: string; product: RegExp; quantity: number; line: { name: RegExp; code: string; cbec: boolean } },
): Promise<PlacedOrder> {
  await shopper.goto(`/c/${options.category}`);
  await shopper.getByRole("link", { name: options.product }).first().click();
  await shopper.getByLabel("数量").fill(String(options.quantity));
  await shopper.getByRole("button", { name: "加入购物车" }).click();
  await shopper.waitForURL(/\/cart$/);
  return checkOutCart(shopper, options.line);
}

/** From the cart page (open) to a paid order: the shipping line, the address (and identity on CBEC), paid with the wallet. */
export async function checkOutCart(shopper: Page, line: { name: RegExp; code: string; cbec: boolean }): Promise<PlacedOrder> {
  const options = { line };
  await shopper.getByRole("link", { name: "去结算" }).click();
  await shopper.waitForURL(/\/checkout/);
  await chooseLine(shopper, options.line);
  if (options.line.cbec) await shopper.getByLabel(/^真实姓名/).waitFor();
  const total = (await shopper.getByTestId("checkout-total").textContent()) ?? "";
  expect(total).toMatch(/^¥[\d,]+\.\d{2}$/);
  await shopper.getByLabel("省份").fill("广东省");
  await shopper.getByLabel("城市").fill("深圳市");
  await shopper.getByLabel("区/县").fill("南山区");
  await shopper.getByLabel("详细地址").fill("科技园南路 18 号 2 栋 301");
  await shopper.getByLabel("收件人").fill("张三");
  await shopper.getByLabel("手机号").fill("13800138000");
  if (options.line.cbec) {
    await shopper.getByLabel(/^真实姓名/).fill("张三");
    await shopper.getByLabel(/^身份证号/).fill("11010519491231002X");
  }
  await shopper.getByRole("button", { name: `下单并用钱包支付 ${total}` }).click();
  await shopper.waitForURL(/\/orders\/[^/?]+$/);
  expect(await shopper.getByTestId("order-status").textContent()).toBe("已支付");
  expect(await shopper.getByTestId("order-total").textContent()).toBe(total);
  const number = (await shopper.title()).split(" · ")[0] ?? "";
  expect(number.length).toBeGreaterThan(0);
  return { url: shopper.url(), number, total, totalFen: fen(total) };
}

/** The unit price of the order's first item as the order page shows it ("¥…" aside, in the store's currency), and its decimals. */
export async function shownUnitPrice(page: Page) {
  const priceText = (await page.locator(".cart-lines .original-price").first().textContent()) ?? "";
  const price = /[\d,]+(?:\.\d+)?/.exec(priceText)?.[0].replaceAll(",", "") ?? "";
  expect(Number(price)).toBeGreaterThan(0);
  return { price: Number(price), decimals: price.split(".")[1]?.length ?? 0 };
}

/**
 * The agent records the price check on the order page's form: the first item's price now (the
 * quoted one unless given), in stock, with the product page's link as evidence. Resolves once the
 * page shows the check's outcome.
 */
export async function recordPriceCheck(agent: Page, options: { price?: string } = {}) {
  const form = agent.getByRole("form", { name: "核对价格和库存（下单前）" });
  if (options.price !== undefined)
    await form
      .getByLabel(/^现在的单价/)
      .first()
      .fill(options.price);
  await form.getByLabel("商品页链接").fill("https://shop.example.jp/products/checked");
  await form.getByRole("button", { name: "记录价格核对" }).click();
  const outcome = agent.getByTestId("price-check-outcome");
  await outcome.waitFor({ timeout: LIVE.timeout });
  return outcome;
}

/**
 * The demo agent (logged in on `agent`) claims the order from /agent/orders, checks the store's price
 * (as quoted), and moves it PURCHASING → PURCHASED (at exactly the quoted cost) → AT_WAREHOUSE
 * (weighed, with a real photo) → SHIPPED → IN_CUSTOMS → DELIVERED through the order page's forms.
 */
export async function deliverOrder(agent: Page, order: PlacedOrder, options: { quantity: number; photo: string }) {
  await agent.goto("/agent/orders");
  await agent.getByRole("link", { name: order.number, exact: true }).click();
  await agent.waitForURL(order.url);
  const status = agent.getByTestId("order-status");
  async function move(title: string, expected: string, fill?: (form: ReturnType<Page["getByRole"]>) => Promise<void>) {
    const form = agent.getByRole("form", { name: title });
    await fill?.(form);
    await form.getByRole("button", { name: title }).click();
    await expect.poll(() => status.textContent(), LIVE).toBe(expected);
  }
  await move("认领并开始采购", "采购中");
  const { price, decimals } = await shownUnitPrice(agent);
  expect(await (await recordPriceCheck(agent)).textContent()).toBe("核对通过");
  await move("已在外国商店下单", "已下单", async (form) => {
    await form.getByLabel("外国商店订单号").fill(`E2E-${Date.now()}`);
    await form.getByLabel(/^实际花费/).fill((Number(price) * options.quantity).toFixed(decimals));
  });
  await move("已到仓（称重拍照）", "已到仓", async (form) => {
    await form.getByLabel("包裹重量（克）").fill(String(80 * options.quantity));
    await form.getByLabel("长", { exact: true }).fill("10");
    await form.getByLabel("宽", { exact: true }).fill("5");
    await form.getByLabel("高", { exact: true }).fill("4");
    await form.getByLabel(/^照片/).setInputFiles(options.photo);
  });
  await move("已发往中国", "已发货", async (form) => {
    await form.getByLabel("承运商").fill("EMS");
    await form.getByLabel("运单号").fill(`EE${Date.now() % 1_000_000_000}JP`);
  });
  await move("进入清关", "清关中");
  await move("已签收", "已签收");
}

/** A die-cast car from the Japanese demo store in the cart, and the checkout page open. */
export async function openCheckout(page: Page) {
  await page.goto("/c/toys");
  await page
    .getByRole("link", { name: /1:64 合金仿真小车/ })
    .first()
    .click();
  await page.getByRole("button", { name: "加入购物车" }).click();
  await page.waitForURL(/\/cart$/);
  await page.getByRole("link", { name: "去结算" }).click();
  await page.waitForURL(/\/checkout/);
}
