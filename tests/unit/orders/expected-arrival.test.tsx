import { createInstance } from "i18next";
import { renderToStaticMarkup } from "react-dom/server";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { describe, expect, test } from "vitest";
import { ArrivalStages, ExpectedArrival } from "~/components/expected-arrival";
import { i18nConfig } from "~/utils/i18n-resources";

async function render(lng: "zh-CN" | "en", element: JSX.Element) {
  const i18n = createInstance();
  await i18n.use(initReactI18next).init({ ...i18nConfig, lng });
  return renderToStaticMarkup(<I18nextProvider i18n={i18n}>{element}</I18nextProvider>).replace(/<[^>]+>/g, "");
}

// 2026-12-17 20:00 UTC is already the 18th in China: the day shown is China's.
const arrival = { deliveredAt: "2026-12-17T20:00:00.000Z", delivered: false };

describe("the expected delivery date as a shopper reads it", () => {
  test("zh-CN and en, China's day, the line's range beside it", async () => {
    const element = <ExpectedArrival arrival={arrival} etaDays={{ min: 7, max: 12 }} testId="x" />;
    expect(await render("zh-CN", element)).toBe("预计 12月18日送达 · 通常 7–12 天");
    expect(await render("en", element)).toBe("Expected by Dec 18 · usually 7–12 days");
  });

  test("delivered: the day it arrived, no range", async () => {
    const element = <ExpectedArrival arrival={{ ...arrival, delivered: true }} etaDays={{ min: 7, max: 12 }} testId="x" />;
    expect(await render("zh-CN", element)).toBe("已于 12月18日送达");
  });

  test("each stage by the status it reaches", async () => {
    const stages = [
      { key: "PAID>PURCHASED", state: "done" as const, endsAt: "2026-12-02T02:00:00.000Z" },
      { key: "PURCHASED>AT_WAREHOUSE", state: "current" as const, endsAt: "2026-12-05T02:00:00.000Z" },
    ];
    const text = await render("zh-CN", <ArrivalStages stages={stages} />);
    expect(text).toContain("已下单：12月2日");
    expect(text).toContain("已到仓：预计 12月5日（进行中）");
  });
});
