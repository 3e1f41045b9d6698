import { describe, expect, test } from "vitest";
import { draftChineseListing, localizeVariantTitle, lookup, metricizeText, parseWeight, plainText, toChineseClothingSize, toChineseShoeSize } from "~/domain/zh-draft";

describe("glossary", () => {
  test("whole words only, longest phrase first, any case", () => {
    expect(lookup("BLACK")).toBe("黑色");
    expect(lookup("noise cancelling")).toBe("降噪");
    expect(lookup("Blackwell")).toBeNull();
    expect(draftChineseListing({ title: "Blackwell Jacket", description: "", variants: [] }).titleZh).toBe("Blackwell 夹克");
  });
});

describe("units", () => {
  test.each([
    [1, "kg", 1000], [2.5, "lb", 1134], [12, "oz", 340], [500, "GRM", 500], [1, "KGM", 1000], [1, "LBR", 454], [3, "ONZ", 85], [0, "g", null], [5, "stone", null],
  ])("%s %s → %s g", (value, unit, grams) => {
    expect(parseWeight(value, unit)).toBe(grams);
  });

  test("text is rewritten in metric with Chinese units", () => {
    expect(metricizeText("2.5 lb")).toBe("1.13 千克");
    expect(metricizeText("12 oz")).toBe("340 克");
    expect(metricizeText("8 fl oz")).toBe("237 毫升");
    expect(metricizeText('15" laptop')).toBe("38.1 厘米 laptop");
    expect(metricizeText("6 ft cable")).toBe("1.83 米 cable");
  });
});

describe("sizes", () => {
  test("shoes meet at the foot length", () => {
    expect(toChineseShoeSize("US_M", 9)).toEqual({ cn: "44", mm: 270 });
    expect(toChineseShoeSize("US_W", 7)).toEqual({ cn: "38", mm: 240 });
    expect(toChineseShoeSize("JP", 26.5)).toEqual({ cn: "43", mm: 265 });
    expect(toChineseShoeSize("US_M", 30)).toBeNull();
  });

  test("clothing letters get the GB/T 1335 code", () => {
    expect(toChineseClothingSize("m", "men")).toBe("M（170/88A）");
    expect(toChineseClothingSize("S", "women")).toBe("S（155/80A）");
    expect(toChineseClothingSize("XXXXL", "men")).toBeNull();
  });

  test("variant titles", () => {
    expect(localizeVariantTitle("Black / M", "men")).toBe("黑色 / M（170/88A）");
    expect(localizeVariantTitle("US 9")).toBe("US 9（中国码 44）");
    expect(localizeVariantTitle("Default Title")).toBe("默认");
    expect(localizeVariantTitle("Sakura Pink / One Size")).toBe("Sakura Pink / One Size");
  });
});

describe("drafts", () => {
  test.each([
    ["Wireless Noise Cancelling Headphones WH-900", ["WH-900", "无线", "降噪", "耳机"]],
    ["Merino Wool Crew Sweater", ["美利奴羊毛", "毛衣"]],
    ["Men's Wool Runners", ["男款", "跑鞋"]],
    ["無添加 宇治抹茶パウダー 100g", ["抹茶", "100g"]],
    ["Overnight Recovery Face Serum", ["精华液", "Overnight"]],
    ["Tidewater Automatic Diver 200 m, Stainless Steel", ["Tidewater", "不锈钢", "潜水表"]],
    ["달팽이 점액 96% 파워 에센스 100ml", ["精华", "100ml"]],
    ["IH-Wasserkocher Edelstahl 1,7 l", ["电水壶"]],
  ])("%s", (title, expected) => {
    const { titleZh } = draftChineseListing({ title, description: "", variants: [] });
    for (const word of expected) expect(titleZh).toContain(word);
  });

  test("descriptions are plain text, metric, never empty when the original is not; drafts are deterministic", () => {
    const input = { title: "Kettle", description: "<p>Holds 1.7 l &amp; weighs 2 lb&nbsp;&#39;</p>", variants: [{ title: "White" }] };
    const draft = draftChineseListing(input);
    expect(draft.descriptionZh).toContain("907 克");
    expect(draft.descriptionZh).not.toContain("<p>");
    expect(draft.variantTitlesZh).toEqual(["白色"]);
    expect(draftChineseListing(input)).toEqual(draft);
  });

  test("plainText decodes entities once", () => {
    expect(plainText("Caf&eacute; &amp;amp; &#x4E2D;&#25991; <b>bold</b>")).toBe("Café &amp; 中文 bold");
  });
});
