import { describe, expect, test } from "vitest";
import { normalizeText, stemWord, textRuns } from "~/domain/search/normalize";
import { phraseTokens, searchDocument } from "~/domain/search/tokens";

describe("normalizeText", () => {
  test("full-width, case, accents and punctuation meet their plain forms", () => {
    expect(normalizeText("ＵＳＢ－Ｃ　充電器")).toBe("usb c 充电器");
    expect(normalizeText("Kopfhörer, kabellos!")).toBe("kopfhorer kabellos");
    expect(normalizeText("Crème Brûlée")).toBe("creme brulee");
    expect(normalizeText("Men’s Straße")).toBe("mens strasse");
    expect(normalizeText("【正品】藍牙耳機")).toBe("正品 蓝牙耳机");
  });

  test("Japanese voiced kana and Hangul survive the accent stripping", () => {
    expect(normalizeText("ガジェット")).toBe("ガジェット");
    expect(normalizeText("ｶﾞｼﾞｪｯﾄ")).toBe("ガジェット");
    expect(normalizeText("무선 이어폰")).toBe("무선 이어폰");
  });
});

describe("stemWord", () => {
  test("plurals meet singulars; short words and codes stay", () => {
    expect(["headphones", "watches", "batteries", "shoes", "glasses", "dress", "bus", "wh900"].map(stemWord)).toEqual([
      "headphone",
      "watch",
      "battery",
      "shoe",
      "glass",
      "dress",
      "bus",
      "wh900",
    ]);
  });
});

describe("tokens", () => {
  test("a script change is a word boundary, with or without a space", () => {
    expect(phraseTokens("iPhone 15手机壳")).toEqual(phraseTokens("iphone 15 手机壳"));
    expect(phraseTokens("iPhone 15 手机壳")).toEqual(["iphone", "15", "手机", "机壳"]);
  });

  test("spaces between CJK characters do not split a listing's words", () => {
    expect(phraseTokens("降噪 耳机")).toEqual(["降噪", "噪耳", "耳机"]);
    expect(textRuns(normalizeText("降噪 耳机"), { joinCjk: false }).map((run) => run.text)).toEqual(["降噪", "耳机"]);
  });

  test("a document indexes titles, extras, body and the titles' single characters", () => {
    const document = searchDocument({
      titleZh: "索尼 WH-900 降噪耳机",
      title: "Sony WH-900 Noise-Cancelling Headphones",
      descriptionZh: "附带收纳包",
      description: "",
      variantNames: ["黑色 Black"],
      categoryNames: ["数码电子", "Electronics"],
      storeName: "Tokyo Audio",
    });
    expect(document.titles).toEqual(
      expect.arrayContaining(["索尼", "wh", "900", "wh900", "降噪", "耳机", "noise", "cancelling", "headphone"]),
    );
    expect(document.extra).toEqual(expect.arrayContaining(["黑色", "black", "数码", "electronic", "tokyo", "audio"]));
    expect(document.body).toEqual(["附带", "带收", "收纳", "纳包"]);
    expect(document.chars).toEqual(["索", "尼", "降", "噪", "耳", "机"]);
  });
});
