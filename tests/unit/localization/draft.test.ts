import { describe, expect, test } from "vitest";
import { draftChineseListing, plainText, type ListingDraftInput } from "~/domain/localization";

const listing = (title: string, overrides: Partial<ListingDraftInput> = {}): ListingDraftInput => ({
  title,
  description: "",
  variants: [],
  ...overrides,
});

const titleOf = (title: string, overrides: Partial<ListingDraftInput> = {}) => draftChineseListing(listing(title, overrides)).titleZh;

describe("draft titles (seed catalog titles)", () => {
  test.each([
    // English
    ["Wireless Noise Cancelling Headphones WH-900", ["无线降噪耳机", "WH-900"], "WH-900 无线降噪耳机"],
    ["Merino Wool Crew Sweater", ["美利奴羊毛", "圆领", "毛衣"], "美利奴羊毛圆领毛衣"],
    ["Waxed Cotton Field Jacket", ["油蜡棉", "夹克"], "油蜡棉户外夹克"],
    ["Ridge 5 Trail Running Shoes (Men's)", ["Ridge 5", "男款", "越野跑鞋"], "Ridge 5 男款越野跑鞋"],
    ["Natural Rubber Yoga Mat 6 mm", ["天然橡胶", "瑜伽垫", "6 毫米"], "天然橡胶瑜伽垫 6 毫米"],
    ["Cordless Stick Vacuum V9, 60-Minute Runtime", ["V9", "无线", "吸尘器", "60 分钟"], undefined],
    ["Tidewater Automatic Diver 200 m, Stainless Steel", ["Tidewater", "不锈钢", "自动机械", "潜水表", "200 米"], undefined],
    ["Custom Engraved Signet Ring, 14K Yellow Gold", ["14K 金", "刻字", "印章戒指"], "14K 金定制刻字印章戒指"],
    ["Adult Multivitamin Gummies, Mixed Berry, 150 Count", ["成人", "复合维生素", "软糖", "150 粒"], undefined],
    ["Space Shuttle Explorer Building Set, 1,204 Pieces", ["航天飞机", "积木套装", "Explorer", "1204 件"], undefined],
    // German
    ["Damen Lodenmantel aus Schurwolle", ["女款", "羊毛", "罗登大衣"], "女款纯新羊毛罗登大衣"],
    ["Wasserkocher Edelstahl 1,7 L mit Temperaturwahl", ["不锈钢", "电水壶", "1.7 升", "控温"], undefined],
    ["Kabellose Ladestation 3-in-1, 15 W, faltbar", ["无线", "三合一", "充电座", "15W", "折叠"], undefined],
    ["Omega-3 Fischöl Kapseln, hochdosiert, 120 Stück", ["Omega-3", "鱼油", "胶囊", "120 个"], undefined],
    // Japanese
    ["【日本製】ユニセックス 綿100% ポケットTシャツ", ["日本制", "男女同款", "100%棉", "T恤"], undefined],
    ["単焦点レンズ 50mm F1.8 フルサイズ対応 ミラーレス用", ["定焦镜头", "F1.8", "50 毫米", "全画幅"], undefined],
    ["無添加 宇治抹茶パウダー 100g", ["无添加", "抹茶粉", "宇治", "100 克"], undefined],
    ["ソーラー電波時計 チタンケース 40mm", ["光动能", "钛金属", "手表", "40 毫米"], undefined],
    // Korean
    ["에어핏 프로 2 노이즈 캔슬링 무선 이어폰", ["降噪", "无线", "耳机", "에어핏"], undefined],
    ["오버핏 기모 후드 집업", ["宽松", "加绒", "连帽卫衣"], undefined],
    ["실버 925 레이어드 목걸이", ["925 银", "项链"], "925 银叠戴项链"],
    ["6년근 홍삼정 240g", ["红参膏", "240 克", "6년근"], undefined],
  ])("%s", (title, parts, exact) => {
    const zh = titleOf(title);
    for (const part of parts) expect(zh).toContain(part);
    if (exact !== undefined) expect(zh).toBe(exact);
  });

  test("attributes come before the noun, model numbers survive", () => {
    expect(titleOf("Waterproof Hiking Boots HB-2 Men's")).toBe("HB-2 男款防水登山鞋");
    expect(titleOf("Black Leather Backpack")).toBe("黑色真皮双肩包");
  });

  test("a title the glossary cannot read comes back as written, with coverage 0", () => {
    const draft = draftChineseListing(listing("The Art of Clean Code, 2nd Edition"));
    expect(draft.titleZh).toBe("The Art of Clean Code, 2nd Edition");
    expect(draft.coverage).toBe(0);
  });

  test("glue words are kept inside untranslated names", () => {
    expect(titleOf("Deutsch für Anfänger A1 – Kursbuch mit Audios online")).toBe("Deutsch für Anfänger A1 教材 Audios online");
  });
});

describe("coverage", () => {
  test("share of the title's words the glossary knew", () => {
    expect(draftChineseListing(listing("Wireless Noise Cancelling Headphones WH-900")).coverage).toBe(1);
    expect(draftChineseListing(listing("Boom Mini Portable Bluetooth Speaker")).coverage).toBe(0.8);
    expect(draftChineseListing(listing("Trailhead Field Watch 38 mm, Quartz")).coverage).toBe(0.75);
  });

  test("the vendor's name is a brand, not an unknown word", () => {
    const input = listing("Boom Mini Portable Bluetooth Speaker", { vendor: "Boom Audio" });
    expect(draftChineseListing(input).coverage).toBe(1);
    expect(draftChineseListing(input).titleZh).toBe("Boom 迷你便携蓝牙音箱");
  });

  test("worse drafts sort first", () => {
    const titles = ["Merino Wool Crew Sweater", "The Art of Clean Code", "TOPIK 필수 어휘 3000 단어장"];
    const sorted = [...titles].sort((a, b) => draftChineseListing(listing(a)).coverage - draftChineseListing(listing(b)).coverage);
    expect(sorted).toEqual(["The Art of Clean Code", "TOPIK 필수 어휘 3000 단어장", "Merino Wool Crew Sweater"]);
  });
});

describe("draft descriptions", () => {
  test("HTML is stripped, entities decoded, terms translated, units metricized", () => {
    const draft = draftChineseListing(
      listing("Mug", { description: "<p>Tom &amp; Jerry&#39;s &quot;caf&eacute;&quot;&nbsp;<b>black</b> mug, 12 oz.</p>" }),
    );
    expect(draft.descriptionZh).toBe(`Tom & Jerry's "café" 黑色 马克杯, 12 盎司（340 克）.`);
  });

  test("never empty when the description is not", () => {
    for (const description of ["Nothing the glossary knows.", "<div>Écrit en français</div>", "ただのテキスト"]) {
      expect(draftChineseListing(listing("X", { description })).descriptionZh).not.toBe("");
    }
    expect(draftChineseListing(listing("X", { description: "" })).descriptionZh).toBe("");
  });

  test("long descriptions are cut after a whole sentence", () => {
    const sentence = "Soft cotton shirt for every day. ";
    const draft = draftChineseListing(listing("Shirt", { description: sentence.repeat(40) }));
    expect(draft.descriptionZh.length).toBeLessThanOrEqual(400);
    expect(draft.descriptionZh.endsWith("every day.")).toBe(true);
    expect(draft.descriptionZh).toContain("棉 衬衫");
  });
});

describe("draft variant titles", () => {
  test("clothing sizes follow the title's fit", () => {
    const variants = [{ title: "Black / M" }, { title: "Navy / L" }];
    expect(draftChineseListing(listing("Women's Cashmere Sweater", { variants })).variantTitlesZh).toEqual([
      "黑色 / M（160/84A）",
      "海军蓝 / L（165/88A）",
    ]);
    expect(draftChineseListing(listing("Merino Wool Crew Sweater", { variants })).variantTitlesZh).toEqual([
      "黑色 / M（170/88A）",
      "海军蓝 / L（175/92A）",
    ]);
  });

  test("shoes get the Chinese shoe size; a ring's US size is not a shoe size", () => {
    const variants = [{ title: "US 9" }, { title: "US 10" }];
    expect(draftChineseListing(listing("Ridge 5 Trail Running Shoes (Men's)", { variants })).variantTitlesZh).toEqual([
      "US 9（中国码 42）",
      "US 10（中国码 43）",
    ]);
    expect(draftChineseListing(listing("Custom Engraved Signet Ring, 14K Yellow Gold", { variants })).variantTitlesZh).toEqual([
      "US 9",
      "US 10",
    ]);
    expect(
      draftChineseListing(listing("ランニングシューズ ライトレーサー ワイド 3E", { variants: [{ title: "26.5cm" }] })).variantTitlesZh,
    ).toEqual(["26.5 厘米（中国码 42）"]);
  });

  test("women's EU dress sizes", () => {
    const variants = [{ title: "Tannengrün / 36" }, { title: "Steingrau / 40" }];
    expect(draftChineseListing(listing("Damen Lodenmantel aus Schurwolle", { variants })).variantTitlesZh).toEqual([
      "墨绿色 / 36（中国码 S，155/80A）",
      "石灰色 / 40（中国码 L，165/88A）",
    ]);
  });
});

describe("plainText", () => {
  test("tags stripped and entities decoded", () => {
    expect(plainText("<p>Fish &amp; Chips &quot;classic&quot; &#39;n&#39; caf&eacute;&nbsp;menu</p>")).toBe(
      `Fish & Chips "classic" 'n' café menu`,
    );
    expect(plainText("<script>alert(1)</script><style>p{}</style><b>Bold</b> &lt;tag&gt; &#x4E2D;")).toBe("Bold <tag> 中");
    expect(plainText("<p>One</p><p>Two</p>")).toBe("One\n\nTwo");
  });
});

describe("determinism", () => {
  test("the same input gives the same output", () => {
    const input: ListingDraftInput = {
      title: "Wireless Noise Cancelling Headphones WH-900",
      description: "<p>Over-ear Bluetooth 5.3 headphones with up to 40 hours of battery life &amp; a 6 ft cable.</p>",
      productType: "Headphones",
      vendor: "Pacific Outfitters",
      variants: [{ title: "Black" }, { title: "Midnight Blue" }],
    };
    const first = draftChineseListing(input);
    for (let i = 0; i < 5; i += 1) expect(draftChineseListing(structuredClone(input))).toEqual(first);
    expect(first.variantTitlesZh).toEqual(["黑色", "午夜蓝"]);
    expect(first.descriptionZh).toContain("6 英尺（1.83 米）");
  });
});
