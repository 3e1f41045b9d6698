import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, describe, expect, test } from "vitest";
import { DEMO, logIn, setupBrowser } from "./browser";
import { checkOut, deliverOrder, fen, LIVE, signUpShopper, smallPng, topUp, walletBalanceFen, type PlacedOrder } from "./order-flow";

// Issue 7, end to end in Chromium (rules: shared/specs/returns.md): a damaged item goes back at the
// platform's cost with everything paid for it refunded; a changed-mind return shows its deductions
// before filing and is refunded exactly as shown. Every step goes through the pages' own forms.

const browser = setupBrowser();

const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), "daigou-e2e-returns-"));
afterAll(() => fs.rmSync(tmpDir, { recursive: true, force: true }));

const CAR = /1:64 合金仿真小车/;
const JP_CBEC = { name: /日本跨境电商专线/, code: "jp-cbec-bonded", cbec: true };
const QUOTE_LINES = ["商品", "商店运费", "服务费", "国际运费", "保险", "进口税"] as const;

/** A file on disk holding a real PNG, for the file inputs. */
function pngFile(name: string, png: Buffer) {
  const file = path.join(tmpDir, name);
  fs.writeFileSync(file, png);
  return file;
}

/**
 * A shopper with a delivered order of `quantity` die-cast cars from Japan on the CBEC line, and the
 * agent who delivered it. Uncaught errors on either page (a failed hydration among them) are collected.
 */
async function deliveredOrder(prefix: string, quantity: number) {
  const pageErrors: string[] = [];
  const shopperContext = await browser.context();
  const shopper = await shopperContext.newPage();
  shopper.on("pageerror", (error) => pageErrors.push(`shopper ${shopper.url()}: ${error.message}`));
  await signUpShopper(shopper, prefix);
  await topUp(shopper, () => browser.context(), 500);
  const order = await checkOut(shopper, { category: "toys", product: CAR, quantity, line: JP_CBEC });

  const agentContext = await browser.context();
  const agent = await agentContext.newPage();
  agent.on("pageerror", (error) => pageErrors.push(`agent ${agent.url()}: ${error.message}`));
  await logIn(agent, DEMO.agent);
  await deliverOrder(agent, order, { quantity, photo: pngFile(`${prefix}-parcel.png`, smallPng()) });

  const balance = await walletBalanceFen(shopper);
  expect(balance).toBe(50_000 - order.totalFen);
  return { shopperContext, shopper, agentContext, agent, order, balance, pageErrors };
}

/** A row of the refund breakdown, found by its row header (商品, 服务费, 退货运费 …). */
function breakdownRow(page: Page, line: string) {
  return page
    .getByTestId("refund-breakdown")
    .getByRole("row")
    .filter({ has: page.getByRole("rowheader", { name: line, exact: true }) });
}

/** What the breakdown says it does with a line: the treatment (退还 / 不退 / 扣除 / 平台承担 / 无) and the effect in fen. */
async function breakdownLine(page: Page, line: string) {
  const cells = breakdownRow(page, line).getByRole("cell");
  expect(await cells.count()).toBe(2);
  const treatment = ((await cells.nth(0).textContent()) ?? "").trim();
  const effectText = ((await cells.nth(1).textContent()) ?? "").trim();
  return { treatment, amountFen: /\(/.test(treatment) ? fen(treatment) : 0, effectFen: effectText === "—" ? 0 : fen(effectText) };
}

/** From the delivered order's page to the preview: units, reason, description, then "查看退款金额". */
async function previewReturn(shopper: Page, order: PlacedOrder, choice: { units: number; reason: string; description: string }) {
  await shopper.goto(order.url);
  await shopper.getByRole("link", { name: "申请退货" }).click();
  await shopper.waitForURL(/\/orders\/[^/]+\/return$/);
  await shopper.getByRole("spinbutton", { name: CAR }).fill(String(choice.units));
  await shopper.getByRole("radio", { name: choice.reason, exact: true }).check();
  await shopper.getByLabel("问题描述").fill(choice.description);
  await shopper.getByRole("button", { name: "查看退款金额" }).click();
  await shopper.waitForURL(
    (url) => url.searchParams.get("qty-0") === String(choice.units) && url.searchParams.get("description") === choice.description,
  );
  await shopper.getByRole("heading", { name: "提交前请确认" }).waitFor({ timeout: LIVE.timeout });
  await shopper.getByTestId("refund-total").waitFor();
  expect(await shopper.getByTestId("return-problems").count()).toBe(0);
}

/** The breakdown adds up: the effects of its eight lines are the refund total shown. */
async function checkBreakdownAddsUp(page: Page) {
  const total = fen(await page.getByTestId("refund-total").textContent());
  let sum = 0;
  for (const line of [...QUOTE_LINES, "退货运费", "重新上架费"]) sum += (await breakdownLine(page, line)).effectFen;
  expect(sum).toBe(total);
  return total;
}

/** The return page the filing led to, and the return's number (from the page title, once it has rendered). */
async function filedReturn(shopper: Page) {
  await shopper.waitForURL(/\/returns\/[^/]+$/);
  await shopper.getByTestId("return-status").waitFor({ timeout: LIVE.timeout });
  await expect.poll(() => shopper.title(), LIVE).toMatch(/^RT\w+ · 退货 · 环球代购$/);
  return { returnUrl: shopper.url(), returnNumber: (await shopper.title()).split(" · ")[0] ?? "" };
}

/** The agent opens the return from the returns queue. */
async function openFromQueue(agent: Page, returnUrl: string, returnNumber: string) {
  await agent.goto("/agent/returns");
  await agent.getByRole("link", { name: returnNumber, exact: true }).click();
  await agent.waitForURL(returnUrl);
}

/** Submits the move form titled `title` on `page` (after `fill`) and waits until both pages show `expected`. */
async function move(
  page: Page,
  title: string,
  expected: string,
  watchers: Page[],
  fill?: (form: ReturnType<Page["getByRole"]>) => Promise<void>,
) {
  const form = page.getByRole("form", { name: title });
  await fill?.(form);
  await form.getByRole("button", { name: title }).click();
  for (const watcher of [page, ...watchers])
    await expect.poll(() => watcher.getByTestId("return-status").textContent(), LIVE).toBe(expected);
  expect(await page.getByTestId("return-move-error").count()).toBe(0);
}

/** The agent records every unit as received in the claimed condition (the form's defaults) and checks them first. */
async function receiveAsClaimed(agent: Page, watchers: Page[], units: number) {
  const form = agent.getByRole("form", { name: "已收到（逐件验货）" });
  for (let index = 0; index < units; index += 1) {
    const unit = form.getByRole("group", { name: new RegExp(`^第 ${index + 1} 件：`) });
    expect(await unit.getByRole("combobox", { name: "状况", exact: true }).inputValue()).toBe("AS_CLAIMED");
    expect(await unit.getByRole("combobox", { name: "退款", exact: true }).inputValue()).toBe("KEEP");
  }
  expect(await form.getByRole("group", { name: /^第 \d+ 件：/ }).count()).toBe(units);
  await move(agent, "已收到（逐件验货）", "已收货", watchers);
}

async function closeAll(...contexts: BrowserContext[]) {
  for (const context of contexts) await context.close();
}

describe("returns end to end", () => {
  test(
    "a damaged item goes back at the platform's cost: the full price shown before filing comes back to the wallet",
    { timeout: 300_000 },
    async () => {
      const { shopperContext, shopper, agentContext, agent, order, balance, pageErrors } = await deliveredOrder("returns-damaged", 1);

      // ── The preview, before filing: everything paid comes back, the platform pays the return parcel ──
      await previewReturn(shopper, order, { units: 1, reason: "到货破损", description: "外包装压扁，车门脱落。" });
      expect(await shopper.getByText("平台责任：全额退款，平台承担退货运费").count()).toBeGreaterThan(0);
      const shownRefund = await checkBreakdownAddsUp(shopper);
      // One unit, the whole order: the refund is what was paid, to the fen.
      expect(shownRefund).toBe(order.totalFen);
      for (const line of QUOTE_LINES) {
        const { treatment, amountFen, effectFen } = await breakdownLine(shopper, line);
        expect(treatment, line).toMatch(/^退还/);
        expect(effectFen, line).toBe(amountFen);
      }
      const goods = await breakdownLine(shopper, "商品");
      expect(goods.effectFen).toBeGreaterThan(0);
      expect((await breakdownLine(shopper, "国际运费")).effectFen).toBeGreaterThan(0);
      const returnShipping = await breakdownLine(shopper, "退货运费");
      expect(returnShipping.treatment).toMatch(/^平台承担/);
      expect(returnShipping.amountFen).toBeGreaterThan(0);
      expect(returnShipping.effectFen).toBe(0);
      expect(await shopper.getByText(/由平台承担，平台出具面单。/).count()).toBe(1);
      expect(await shopper.getByText("批准后平台会出具退货面单，你只需按面单寄回。").count()).toBe(1);
      expect(await shopper.getByTestId("refund-breakdown").getByRole("listitem").first().textContent()).toContain(
        `已付 ${order.total} → ${order.total}`,
      );

      // ── Filing with a real photo of the damage ───────────────────────────────────────────────
      const png = smallPng([
        [250, 200, 0],
        [20, 20, 20],
      ]);
      await shopper.getByLabel("照片（必填，至少一张）").setInputFiles(pngFile("damage.png", png));
      await shopper.getByRole("button", { name: "确认申请退货" }).click();
      const { returnUrl, returnNumber } = await filedReturn(shopper);
      expect(await shopper.getByTestId("return-status").textContent()).toBe("已申请");
      expect(fen(await shopper.getByTestId("refund-total").textContent())).toBe(shownRefund);
      expect(await shopper.getByText(`申请退款 ${order.total}`).count()).toBe(1);
      // The photo is on the return's timeline, byte for byte.
      const evidence = shopper.locator('[data-testid="order-timeline"] li[data-status="REQUESTED"] img');
      await evidence.waitFor({ state: "attached" });
      const served = await shopperContext.request.get((await evidence.getAttribute("src")) ?? "");
      expect(served.status()).toBe(200);
      expect(served.headers()["content-type"]).toContain("image/png");
      expect(Buffer.compare(await served.body(), png)).toBe(0);

      // ── The agent approves and issues the label; the shopper's open page follows ──────────────────
      await openFromQueue(agent, returnUrl, returnNumber);
      expect(await agent.getByTestId("return-status").textContent()).toBe("已申请");
      await move(agent, "批准退货", "已批准", [shopper]);
      await move(agent, "出具退货面单", "待寄回", [shopper], async (form) => {
        await form.getByLabel("面单编号").fill("RL-E2E-0001");
      });
      await shopper
        .getByText(/面单 RL-E2E-0001/)
        .first()
        .waitFor({ timeout: LIVE.timeout });

      // ── The shopper ships it with the label; the agent receives it as claimed and refunds ───────────
      await move(shopper, "已寄出（填写运单）", "寄回途中", [agent], async (form) => {
        await form.getByLabel("承运商").fill("顺丰");
        await form.getByLabel("运单号").fill("SF1234567890");
      });
      await receiveAsClaimed(agent, [shopper], 1);
      await move(agent, "退款给买家", "已退款", [shopper]);
      await expect.poll(() => shopper.getByText(`已退款 ${order.total}`, { exact: true }).count(), LIVE).toBe(1);
      await shopper.getByText(`已退款 ${order.total} 到钱包。`).waitFor({ timeout: LIVE.timeout });

      // ── The wallet rose by exactly the refund shown before filing ────────────────────────────────
      expect((await walletBalanceFen(shopper)) - balance).toBe(shownRefund);
      expect(await shopper.getByRole("row").filter({ hasText: "退款" }).filter({ hasText: order.total }).count()).toBe(1);
      await shopper.goto(returnUrl);
      expect(await shopper.getByTestId("return-status").textContent()).toBe("已退款");
      // Nothing is left to do on a refunded return.
      expect(await shopper.getByRole("heading", { name: "下一步" }).count()).toBe(0);
      // The order lists its return, and nothing of what was paid for it is still held.
      await shopper.goto(order.url);
      // ...with the same status and amount as the return's own page.
      const listed = shopper.getByRole("region", { name: "此订单的退货" }).getByTestId("return-row");
      expect(await listed.textContent()).toContain(`${returnNumber} 已退款`);
      expect(await listed.getByTestId("return-row-amount").textContent()).toBe(`已退款 ${order.total}`);
      expect(await shopper.getByTestId("order-paid").textContent()).toBe("¥0.00");

      expect(pageErrors).toEqual([]);
      await closeAll(agentContext, shopperContext);
    },
  );

  test(
    "an inspection that cuts the refund to ¥0.00, then a dispute filed and decided: the shopper's page always tells the current truth",
    { timeout: 300_000 },
    async () => {
      const { shopperContext, shopper, agentContext, agent, order, balance, pageErrors } = await deliveredOrder("returns-zero", 1);

      // ── Filed as damaged: the whole order comes back, the label goes to the Japanese warehouse ──────
      await previewReturn(shopper, order, { units: 1, reason: "到货破损", description: "车轮掉了一个。" });
      const filedTotal = (await shopper.getByTestId("refund-total").textContent()) ?? "";
      expect(fen(filedTotal)).toBe(order.totalFen);
      expect(await shopper.getByTestId("return-address").textContent()).toContain("平台出具的面单寄往日本退货仓：");
      expect(await shopper.getByTestId("return-address").textContent()).toContain("Tokyo");
      expect(await shopper.getByTestId("return-address").textContent()).not.toContain("Long Beach");
      await shopper.getByLabel("照片（必填，至少一张）").setInputFiles(pngFile("wheel.png", smallPng()));
      await shopper.getByRole("button", { name: "确认申请退货" }).click();
      const { returnUrl, returnNumber } = await filedReturn(shopper);
      expect(await shopper.getByTestId("return-amount").textContent()).toBe(`申请退款 ${filedTotal}`);
      expect(await shopper.getByTestId("refund-breakdown").getByRole("listitem").first().textContent()).toContain("1:64 合金仿真小车");

      // ── Approved, labelled, shipped; the agent finds the car used and refunds nothing for it ─────────
      await openFromQueue(agent, returnUrl, returnNumber);
      await move(agent, "批准退货", "已批准", [shopper]);
      await move(agent, "出具退货面单", "待寄回", [shopper], async (form) => {
        await form.getByLabel("面单编号").fill("RL-E2E-0002");
      });
      await move(shopper, "已寄出（填写运单）", "寄回途中", [agent], async (form) => {
        await form.getByLabel("承运商").fill("顺丰");
        await form.getByLabel("运单号").fill("SF2234567890");
      });
      await move(agent, "已收到（逐件验货）", "已收货", [shopper], async (form) => {
        const unit = form.getByRole("group", { name: /^第 1 件：/ });
        await unit.getByRole("combobox", { name: "状况", exact: true }).selectOption("USED");
        await unit.getByRole("combobox", { name: "退款", exact: true }).selectOption("ZERO");
        await unit.getByLabel("说明（与申请不符时必填）").fill("车身有明显使用划痕，与到货破损不符。");
        await unit.getByLabel("照片（与申请不符时必填）").setInputFiles(
          pngFile(
            "used.png",
            smallPng([
              [90, 90, 90],
              [200, 200, 200],
            ]),
          ),
        );
      });

      // ── The shopper's page: ¥0.00 everywhere, the filed amount only as what was filed, and why ───────
      await expect.poll(() => shopper.getByTestId("return-amount").textContent(), LIVE).toBe(`验货后退款 ¥0.00（申请时 ${filedTotal}）`);
      expect(await shopper.getByTestId("refund-total").textContent()).toBe("¥0.00");
      expect(await shopper.getByTestId("refund-line").first().textContent()).toContain("→ ¥0.00");
      expect(await shopper.getByText("已使用 · 不退款 · 车身有明显使用划痕，与到货破损不符。").count()).toBe(1);
      expect(await shopper.getByText(`已退款 ${filedTotal}`).count()).toBe(0);
      expect(await shopper.getByText(/可以在下方提出异议/).count()).toBe(1);
      // The agent is not offered to pay out the filed amount: the refund move says what it pays.
      await agent.reload();
      expect(await agent.getByTestId("refund-due").textContent()).toBe("验货后没有可退的金额：完结这笔退货，钱包不会入账。");

      // ── The shopper disputes: the offer is gone, the dispute's status shows ────────────────────────
      await shopper.getByLabel("你的理由").fill("到货时就是这样，开箱视频可以证明。");
      await shopper.getByRole("button", { name: "提交异议" }).click();
      await shopper.getByText("你已提出异议，正在等待管理员裁决；裁决前暂不退款。").waitFor({ timeout: LIVE.timeout });
      expect(await shopper.getByRole("heading", { name: "对验货结果提出异议" }).count()).toBe(0);
      expect(await shopper.getByText(/可以在下方提出异议/).count()).toBe(0);
      expect(await shopper.getByTestId("dispute-status").textContent()).toContain("异议处理中");
      await agent.reload();
      expect(await agent.getByRole("form", { name: "退款给买家" }).count()).toBe(0);

      // ── An admin decides from the disputes list; the shopper's open page follows ───────────────────
      const adminContext = await browser.context();
      const admin = await adminContext.newPage();
      admin.on("pageerror", (error) => pageErrors.push(`admin ${admin.url()}: ${error.message}`));
      await logIn(admin, DEMO.admin);
      await admin.goto("/admin/returns");
      await admin.getByRole("link", { name: returnNumber, exact: true }).click();
      await admin.waitForURL(returnUrl);
      await admin.getByRole("radio", { name: "维持验货结果" }).check();
      await admin.getByLabel("裁决说明").fill("照片显示长期使用痕迹。");
      await admin.getByRole("button", { name: "作出最终裁决" }).click();
      await expect.poll(() => shopper.getByTestId("return-amount").textContent(), LIVE).toBe("裁决后退款 ¥0.00");
      expect(await shopper.getByTestId("dispute-status").textContent()).toContain("裁决：维持验货结果");
      expect(await shopper.getByTestId("dispute-status").textContent()).toContain("裁决说明：照片显示长期使用痕迹。");
      expect(await shopper.getByText(/可以在下方提出异议/).count()).toBe(0);
      expect(await shopper.getByRole("heading", { name: "对验货结果提出异议" }).count()).toBe(0);

      // ── Closed without money: nothing says 已退款, the wallet did not move ──────────────────────────
      await agent.reload();
      await move(agent, "退款给买家", "已完结（无退款）", [shopper]);
      await expect.poll(() => shopper.getByTestId("return-amount").textContent(), LIVE).toBe("最终退款 ¥0.00：没有退款入账");
      expect(await shopper.getByText(/^已退款 /).count()).toBe(0);
      expect(await walletBalanceFen(shopper)).toBe(balance);
      await shopper.goto("/returns");
      expect(await shopper.getByTestId("return-row").filter({ hasText: returnNumber }).textContent()).toContain("最终退款 ¥0.00");

      expect(pageErrors).toEqual([]);
      await closeAll(adminContext, agentContext, shopperContext);
    },
  );

  test(
    "a changed-mind return shows the return shipping deducted before filing and refunds exactly the amount shown",
    { timeout: 300_000 },
    async () => {
      const { shopperContext, shopper, agentContext, agent, order, balance, pageErrors } = await deliveredOrder("returns-changed-mind", 2);

      // ── The preview: goods back, service fee and international shipping kept, return shipping deducted ──
      await previewReturn(shopper, order, { units: 2, reason: "不想要了", description: "买重复了。" });
      expect(await shopper.getByText("买家原因：退还商品款，扣除退货运费").count()).toBeGreaterThan(0);
      const shownRefund = await checkBreakdownAddsUp(shopper);
      const goods = await breakdownLine(shopper, "商品");
      expect(goods.treatment).toMatch(/^退还/);
      expect(goods.effectFen).toBeGreaterThan(0);
      for (const line of ["服务费", "国际运费"]) {
        const kept = await breakdownLine(shopper, line);
        expect(kept.treatment, line).toMatch(/^不退/);
        expect(kept.amountFen, line).toBeGreaterThan(0);
        expect(kept.effectFen, line).toBe(0);
      }
      const returnShipping = await breakdownLine(shopper, "退货运费");
      expect(returnShipping.treatment).toMatch(/^扣除/);
      expect(returnShipping.amountFen).toBeGreaterThan(0);
      expect(returnShipping.effectFen).toBe(-returnShipping.amountFen);
      expect(await shopper.getByText(/从退款中扣除，多件一起寄回只扣一次。/).count()).toBe(1);
      // Deductions and kept lines show: less comes back than was paid, but the return is worth filing.
      expect(shownRefund).toBeGreaterThan(0);
      expect(shownRefund).toBeLessThan(order.totalFen);
      expect((await breakdownLine(shopper, "保险")).treatment).toMatch(/^不退/);
      // CBEC: the import tax comes back if the parcel reaches the bonded return point in time (shown with its deadline).
      expect((await breakdownLine(shopper, "进口税")).treatment).toMatch(/^退还/);
      expect(await shopper.getByText(/^跨境电商进口税：退回商品在 .+ 前到达保税退货点即可退还。$/).count()).toBe(1);
      expect(await shopper.getByText(/这次退货不划算/).count()).toBe(0);
      const shownTotal = (await shopper.getByTestId("refund-total").textContent()) ?? "";

      // ── Filing (no photo needed for a changed mind) ───────────────────────────────────────────────
      await shopper.getByRole("button", { name: "确认申请退货" }).click();
      const { returnUrl, returnNumber } = await filedReturn(shopper);
      expect(await shopper.getByTestId("return-status").textContent()).toBe("已申请");
      expect(await shopper.getByText(`申请退款 ${shownTotal}`).count()).toBe(1);

      // ── The agent approves, confirms the foreign store accepts it; the shopper ships it ─────────────
      await openFromQueue(agent, returnUrl, returnNumber);
      await move(agent, "批准退货", "已批准", [shopper]);
      await move(agent, "商家已同意，通知买家寄回", "待寄回", [shopper], async (form) => {
        await form.getByRole("checkbox", { name: "外国商家已同意退货" }).check();
        await form.getByLabel("说明", { exact: true }).fill("商家同意退货，RMA 编号 SAK-RMA-5521，请寄回日本仓库。");
      });
      await move(shopper, "已寄出（填写运单）", "寄回途中", [agent], async (form) => {
        await form.getByLabel("承运商").fill("EMS");
        await form.getByLabel("运单号").fill("EE987654321CN");
      });

      // ── Received as claimed (both units), refunded ──────────────────────────────────────────────
      await receiveAsClaimed(agent, [shopper], 2);
      expect(fen(await shopper.getByTestId("refund-total").textContent())).toBe(shownRefund);
      await move(agent, "退款给买家", "已退款", [shopper]);
      await expect.poll(() => shopper.getByText(`已退款 ${shownTotal}`, { exact: true }).count(), LIVE).toBe(1);

      // ── The wallet rose by exactly the refund shown before filing ────────────────────────────────
      expect((await walletBalanceFen(shopper)) - balance).toBe(shownRefund);
      expect(await shopper.getByRole("row").filter({ hasText: "退款" }).filter({ hasText: shownTotal }).count()).toBe(1);
      await shopper.goto(returnUrl);
      expect(await shopper.getByTestId("return-status").textContent()).toBe("已退款");

      expect(pageErrors).toEqual([]);
      await closeAll(agentContext, shopperContext);
    },
  );
});
