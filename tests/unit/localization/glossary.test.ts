import { describe, expect, test } from "vitest";
import { findTerms, GLOSSARY, lookupTerm, translateTerms } from "~/domain/localization";

describe("glossary lookup", () => {
  test.each([
    ["black", "黑色"],
    ["White", "白色"],
    ["NAVY", "海军蓝"],
    ["grey", "灰色"],
    ["gray", "灰色"],
    ["beige", "米色"],
    ["olive", "橄榄绿"],
    ["burgundy", "酒红色"],
    ["Schwarz", "黑色"],
    ["Weiß", "白色"],
    ["Blau", "蓝色"],
    ["ブラック", "黑色"],
    ["ホワイト", "白色"],
    ["黒", "黑色"],
    ["白", "白色"],
    ["블랙", "黑色"],
    ["화이트", "白色"],
    ["cotton", "棉"],
    ["organic cotton", "有机棉"],
    ["merino wool", "美利奴羊毛"],
    ["cashmere", "羊绒"],
    ["leather", "真皮"],
    ["stainless steel", "不锈钢"],
    ["14K gold", "14K 金"],
    ["silver 925", "925 银"],
    ["down", "羽绒"],
    ["headphones", "耳机"],
    ["speaker", "音箱"],
    ["jacket", "夹克"],
    ["sweater", "毛衣"],
    ["T-shirt", "T恤"],
    ["jeans", "牛仔裤"],
    ["sneakers", "运动鞋"],
    ["trainers", "运动鞋"],
    ["running shoes", "跑鞋"],
    ["backpack", "双肩包"],
    ["watch", "手表"],
    ["ring", "戒指"],
    ["necklace", "项链"],
    ["serum", "精华液"],
    ["cream", "面霜"],
    ["sunscreen", "防晒霜"],
    ["building set", "积木套装"],
    ["rice cooker", "电饭煲"],
    ["kettle", "电水壶"],
    ["vacuum", "吸尘器"],
    ["matcha", "抹茶"],
    ["wireless", "无线"],
    ["noise cancelling", "降噪"],
    ["waterproof", "防水"],
    ["organic", "有机"],
    ["men's", "男款"],
    ["women's", "女款"],
    ["kids'", "儿童"],
    ["unisex", "男女同款"],
    ["limited edition", "限定版"],
    ["automatic", "自动机械"],
  ])("%s → %s", (term, zh) => {
    expect(lookupTerm(term)?.zh).toBe(zh);
  });

  test("spelling variants: hyphens, spaces, curly apostrophes, plurals", () => {
    expect(lookupTerm("noise-cancelling")?.zh).toBe("降噪");
    expect(lookupTerm("Noise Canceling")?.zh).toBe("降噪");
    expect(lookupTerm("T shirt")?.zh).toBe("T恤");
    expect(lookupTerm("Men’s")?.zh).toBe("男款");
    expect(lookupTerm("watches")?.zh).toBe("手表");
  });

  test("unknown words and partial words are not terms", () => {
    expect(lookupTerm("Blackwell")).toBeUndefined();
    expect(lookupTerm("Tidewater")).toBeUndefined();
    expect(lookupTerm("")).toBeUndefined();
  });

  test("every spelling is listed once, with a Chinese translation", () => {
    const terms = GLOSSARY.map((entry) => entry.term.toLowerCase());
    expect(new Set(terms).size).toBe(terms.length);
    expect(GLOSSARY.length).toBeGreaterThan(300);
    for (const entry of GLOSSARY) expect(entry.zh).toMatch(/\p{Script=Han}|^[A-Z0-9]/u);
  });
});

describe("finding terms in text", () => {
  test("the longest term wins at a position", () => {
    const found = findTerms("Wireless Noise Cancelling Headphones WH-900");
    expect(found.map((m) => m.entry.zh)).toEqual(["无线", "降噪", "耳机"]);
    expect(findTerms("Organic Cotton Tee").map((m) => m.entry.zh)).toEqual(["有机棉", "T恤"]);
    expect(findTerms("Trail Running Shoes").map((m) => m.entry.zh)).toEqual(["越野跑鞋"]);
    expect(findTerms("Over-Ear Headphones").map((m) => m.source)).toEqual(["Over-Ear Headphones"]);
  });

  test("Latin terms match whole words only, in any case", () => {
    expect(translateTerms("Blackwell BLACK black Black")).toBe("Blackwell 黑色 黑色 黑色");
    expect(translateTerms("Redwood Greenfield Navyseal")).toBe("Redwood Greenfield Navyseal");
    expect(translateTerms("women's")).toBe("女款");
  });

  test("CJK and Hangul terms match inside longer words", () => {
    expect(translateTerms("ブラック文字盤")).toBe("黑色表盘");
    expect(translateTerms("ポケットTシャツ")).toBe("口袋T恤");
    expect(translateTerms("노이즈 캔슬링 무선 이어폰")).toBe("降噪 无线 入耳式耳机");
  });

  test("count words only follow a number", () => {
    expect(translateTerms("1박스 (12개)")).toBe("1박스 (12个)");
    expect(translateTerms("개선")).toBe("개선");
  });

  test("positions and source text are reported", () => {
    expect(findTerms("Navy Jacket")).toEqual([
      { start: 0, end: 4, source: "Navy", entry: expect.objectContaining({ zh: "海军蓝", kind: "colour" }) },
      { start: 5, end: 11, source: "Jacket", entry: expect.objectContaining({ zh: "夹克", kind: "noun", tag: "clothing" }) },
    ]);
  });
});
