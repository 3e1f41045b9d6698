import { describe, expect, test } from "vitest";
import quoteZh from "../../locales/zh-CN/quote.json";
import { DEMO, logIn, setupBrowser } from "./browser";
import { checkOut, fen, LIVE, recordPriceCheck, shownUnitPrice, signUpShopper, topUp, walletBalanceFen } from "./order-flow";

// Issue 11, point 3, in Chromium: the agent finds the store's price higher than quoted before buying;
// the shopper's open page turns into the decision — old and new quote line by line, "nothing is
// bought abroad until you decide" — and the shopper confirms (charged exactly the difference) or
// cancels (refunded in full). Only then does the agent buy.

const browser = setupBrowser();
const CAR = /1:64 合金仿真小车/;
const JP_CBEC = { name: /日本跨境电商专线/, code: "jp-cbec-bonded", cbec: true };
// The quote's lines as the page names them, in the spec's order.
const LINE_CODES = ["goods", "domestic_shipping", "service_fee", "international_shipping", "insurance", "import_tax"] as const;
const LINES = LINE_CODES.map((code) => quoteZh.lines[code]);

async function orderWithRaisedPrice(prefix: string) {
  const shopperContext = await browser.context();
  const shopper = await shopperContext.newPage();
  const pageErrors: string[] = [];
  shopper.on("pageerror", (error) => pageErrors.push(error.message));
  await signUpShopper(shopper, prefix);
  await topUp(shopper, () => browser.context(), 1000);
  const order = await checkOut(shopper, { category: "toys", product: CAR, quantity: 1, line: JP_CBEC });
  await shopper.goto(order.url);
  // The order page names the line, its customs regime and the delivery window.
  expect(await shopper.getByTestId("order-line").textContent()).toMatch(/日本跨境电商专线/);
  expect(await shopper.getByTestId("order-regime").textContent()).toBe("跨境电商综合税");
  expect(await shopper.getByTestId("order-eta").textContent()).toMatch(/付款后 \d+–\d+ 天/);

  const agentContext = await browser.context();
  const agent = await agentContext.newPage();
  agent.on("pageerror", (error) => pageErrors.push(error.message));
  await logIn(agent, DEMO.agent);
  await agent.goto(order.url);
  await agent.getByRole("form", { name: "认领并开始采购" }).getByRole("button", { name: "认领并开始采购" }).click();
  await expect.poll(() => agent.getByTestId("order-status").textContent(), LIVE).toBe("采购中");
  const { price, decimals } = await shownUnitPrice(agent);
  const raised = (price * 3).toFixed(decimals);
  expect(await (await recordPriceCheck(agent, { price: raised })).textContent()).toBe("价格上涨");
  await expect.poll(() => agent.getByTestId("order-status").textContent(), LIVE).toBe("等待买家确认");
  // The agent has nothing to buy with: no purchase form until the shopper decides.
  expect(await agent.getByRole("form", { name: "已在外国商店下单" }).count()).toBe(0);

  // The shopper's page, open all along, shows the decision without a reload.
  const decision = shopper.getByTestId("shopper-decision");
  await decision.waitFor({ timeout: LIVE.timeout });
  expect(await shopper.getByTestId("order-status").textContent()).toBe("等待买家确认");
  expect(await decision.textContent()).toContain("在您决定之前，我们不会在国外下单购买。");
  expect(await decision.textContent()).not.toContain("异常");
  const rows = decision.getByTestId("quote-comparison").locator("tbody tr");
  expect(await rows.locator("th").allTextContents()).toEqual(LINES);
  const goods = rows.filter({ has: shopper.getByRole("rowheader", { name: quoteZh.lines.goods, exact: true }) }).getByRole("cell");
  expect(fen(await goods.nth(1).textContent())).toBeGreaterThan(fen(await goods.nth(0).textContent()));
  const offeredFen = fen(await decision.getByTestId("offered-total").textContent());
  expect(offeredFen).toBeGreaterThan(order.totalFen);
  return { shopperContext, shopper, agentContext, agent, order, offeredFen, decision, pageErrors };
}

describe("the price check before buying", () => {
  test(
    "a higher store price: the shopper sees old and new line by line, confirms, is charged only the difference; then the agent buys",
    { timeout: 240_000 },
    async () => {
      const { shopperContext, shopper, agentContext, agent, order, offeredFen, decision, pageErrors } =
        await orderWithRaisedPrice("check-confirm");
      const walletTab = await shopperContext.newPage();
      const before = await walletBalanceFen(walletTab);
      const extra = offeredFen - order.totalFen;
      await decision
        .getByRole("button", {
          name: `确认新报价，补付 ${new Intl.NumberFormat("zh-CN", { style: "currency", currency: "CNY" }).format(extra / 100)}`,
        })
        .click();
      await expect.poll(() => shopper.getByTestId("order-status").textContent(), LIVE).toBe("采购中");
      expect(fen(await shopper.getByTestId("order-total").textContent())).toBe(offeredFen);
      expect(fen(await shopper.getByTestId("order-paid").textContent())).toBe(offeredFen);
      expect(before - (await walletBalanceFen(walletTab))).toBe(extra);

      // The agent's page follows; the purchase form is there now, and buying at the confirmed price moves no money.
      await expect.poll(() => agent.getByTestId("order-status").textContent(), LIVE).toBe("采购中");
      const form = agent.getByRole("form", { name: "已在外国商店下单" });
      await form.waitFor({ timeout: LIVE.timeout });
      const { price, decimals } = await shownUnitPrice(agent);
      await form.getByLabel("外国商店订单号").fill("JP-CHECK-1");
      await form.getByLabel(/^实际花费/).fill((price * 3).toFixed(decimals));
      await form.getByRole("button", { name: "已在外国商店下单" }).click();
      await expect.poll(() => shopper.getByTestId("order-status").textContent(), LIVE).toBe("已下单");
      expect(before - (await walletBalanceFen(walletTab))).toBe(extra);
      expect(pageErrors).toEqual([]);
      await agentContext.close();
      await shopperContext.close();
    },
  );

  test("or the shopper cancels: everything paid comes back, nothing was bought", { timeout: 240_000 }, async () => {
    const { shopperContext, shopper, agentContext, order, decision, pageErrors } = await orderWithRaisedPrice("check-cancel");
    const walletTab = await shopperContext.newPage();
    const before = await walletBalanceFen(walletTab);
    await decision.getByRole("button", { name: /^取消订单，全额退款/ }).click();
    await expect.poll(() => shopper.getByTestId("order-status").textContent(), LIVE).toBe("已取消");
    expect((await walletBalanceFen(walletTab)) - before).toBe(order.totalFen);
    expect(pageErrors).toEqual([]);
    await agentContext.close();
    await shopperContext.close();
  });
});
