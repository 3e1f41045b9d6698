import { describe, expect, test } from "vitest";
import { baseUrl, setupBrowser } from "./browser";

const browser = setupBrowser();

describe("the landed-cost calculator", () => {
  test("without JavaScript: fill the form, submit, see every US line with a breakdown", async () => {
    const context = await browser.context({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto("/quote");
    await page.getByLabel("单价（原币）").fill("279.99");
    await page.getByLabel("单件重量（克）").fill("1250");
    await page.getByLabel("长（厘米）").fill("25");
    await page.getByLabel("宽（厘米）").fill("20");
    await page.getByLabel("高（厘米）").fill("10");
    await page.getByLabel("商品类别").selectOption("electronics");
    await page.getByLabel("发货国家/地区").selectOption("US");
    await page.getByRole("button", { name: "计算到手价" }).click();
    const cards = page.locator(".line-card");
    await cards.first().waitFor();
    expect(await cards.count()).toBe(2);
    expect(await page.locator(".line-card .badge-good").count()).toBe(1);
    const postal = page.getByRole("article", { name: "美国 EMS 邮政直邮（行邮）" });
    expect(await postal.getByTestId("line-total").textContent()).toMatch(/^¥[\d,]+\.\d{2}$/);
    expect(await postal.locator(".cost-legend li").count()).toBe(6);
    expect(await postal.textContent()).toContain("行邮税是个人物品邮寄进境时缴纳的税");
    // The rules the numbers were computed under, and how customs really values a parcel.
    const rules = page.getByRole("complementary", { name: "本报价适用的海关规则" });
    expect(await rules.textContent()).toContain("海关规则：GACC 2024年第176号公告，2024-12-01 起施行");
    expect(await rules.textContent()).toContain("每个包裹的商品金额上限 ¥2,000.00");
    expect(await rules.textContent()).toContain("海关按其自己的完税价格表为行邮包裹估价，本计算器按购买价计算");
    await context.close();
  });

  test("with JavaScript the numbers follow the typing, and a limit says what to do", async () => {
    const context = await browser.context();
    const page = await context.newPage();
    await page.goto(
      "/quote?items[0].price=10&items[0].currency=USD&items[0].quantity=1&items[0].weightGrams=300&items[0].taxCategory=clothing&origin=US",
    );
    const postalTotal = page.getByRole("article", { name: "美国 EMS 邮政直邮（行邮）" }).getByTestId("line-total");
    const before = await postalTotal.textContent();
    await page.getByLabel("数量").fill("2");
    await page.getByLabel("单价（原币）").fill("150");
    // no click: the page re-quotes after a pause in typing; 2 × USD 150 is over today's 2,000 CNY limit
    await page.getByText("请选择跨境电商线路，或把商品拆成多个包裹分别下单。").waitFor();
    expect(await page.getByRole("article", { name: "美国 EMS 邮政直邮（行邮）" }).textContent()).toContain("超过行邮限值 ¥2,000.00");
    expect(before).toMatch(/^¥/);
    expect(new URL(page.url()).searchParams.get("items[0].quantity")).toBe("2");
    await context.close();
  });

  test("a listing shows its landed price in CNY with the breakdown one tap away", async () => {
    const context = await browser.context();
    const page = await context.newPage();
    await page.goto("/c/electronics");
    await page.locator(".listing-card a").first().click();
    const total = page.getByTestId("landed-total");
    expect(await total.textContent()).toMatch(/^¥[\d,]+\.\d{2}$/);
    expect(await page.locator(".original-price .currency-code").textContent()).toMatch(/^[A-Z]{3}$/);
    const legend = page.locator(".landed-box .cost-legend");
    expect(await legend.isVisible()).toBe(false);
    await page.getByText("查看费用明细").click();
    expect(await legend.isVisible()).toBe(true);
    await context.close();
  });
});

describe("POST /api/quotes over HTTP", () => {
  test("a 10 MB body is refused with 413 before it is read", async () => {
    const response = await fetch(`${baseUrl()}/api/quotes`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ request: { items: [{ title: "x".repeat(10_000_000) }] } }),
    });
    expect(response.status).toBe(413);
  });

  test("other sites may call the public quote API (no session involved)", async () => {
    const response = await fetch(`${baseUrl()}/api/quotes`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Origin: "https://partner.example" },
      body: JSON.stringify({
        request: { items: [{ title: "Toy", price: "1200", currency: "JPY", quantity: 3, weightGrams: 80, taxCategory: "toys" }] },
        context: { shippingLine: "jp-postal-ems" },
      }),
    });
    expect(response.status).toBe(200);
    const quote = (await response.json()) as { total: string; taxExempt: boolean; regime: string };
    expect(quote).toMatchObject({ regime: "POSTAL", taxExempt: true });
  });
});
