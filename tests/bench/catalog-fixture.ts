import Database from "better-sqlite3";

// A generated catalog for the search and page benchmarks: realistic bilingual titles, spread over the
// seeded stores and categories, written straight through SQLite (the FTS triggers index every row).
const NOUNS = [
  ["Headphones", "耳机", "electronics"],
  ["Earbuds", "蓝牙耳机", "electronics"],
  ["Speaker", "音箱", "electronics"],
  ["Sweater", "毛衣", "clothing"],
  ["Jacket", "夹克", "clothing"],
  ["Jeans", "牛仔裤", "clothing"],
  ["Running Shoes", "跑鞋", "sports"],
  ["Backpack", "双肩包", "sports"],
  ["Face Serum", "精华液", "cosmetics"],
  ["Sunscreen", "防晒霜", "cosmetics"],
  ["Building Set", "积木", "toys"],
  ["Rice Cooker", "电饭煲", "appliances"],
  ["Kettle", "电水壶", "appliances"],
  ["Matcha Powder", "抹茶粉", "food"],
  ["Diver Watch", "潜水手表", "watches"],
  ["Necklace", "项链", "jewelry"],
  ["Novel", "小说", "books"],
] as const;
const ADJECTIVES = [
  ["Wireless", "无线"],
  ["Noise Cancelling", "降噪"],
  ["Merino Wool", "美利奴羊毛"],
  ["Waterproof", "防水"],
  ["Organic", "有机"],
  ["Limited Edition", "限定版"],
  ["Lightweight", "轻量"],
  ["Stainless Steel", "不锈钢"],
] as const;
const BRANDS = ["Aurora", "Kestrel", "Nordhaven", "Sakura", "Hanbit", "Thames", "Pacific", "Rhein", "Tidewater", "Hudson"];

export function fillCatalog(databaseFile: string, count: number) {
  const sqlite = new Database(databaseFile);
  sqlite.pragma("journal_mode = WAL");
  const stores = sqlite.prepare(`SELECT "id", "currency" FROM "Store"`).all() as { id: string; currency: string }[];
  const categories = new Map(
    (sqlite.prepare(`SELECT "slug", "taxCategory" FROM "Category"`).all() as { slug: string; taxCategory: string }[]).map((row) => [
      row.slug,
      row.taxCategory,
    ]),
  );
  const insertListing =
    sqlite.prepare(`INSERT INTO "Listing" ("id","storeId","categorySlug","sourceUrl","title","description","titleZh","descriptionZh",
    "localizationStatus","status","price","currency","available","weightGrams","taxCategory","customMade","featured","createdAt","updatedAt")
    VALUES (?,?,?,?,?,?,?,?,'REVIEWED','PUBLISHED',?,?,?,?,?,0,0,?,?)`);
  const insertImage = sqlite.prepare(`INSERT INTO "ListingImage" ("id","listingId","url","alt","position") VALUES (?,?,?,?,0)`);
  const insertVariant = sqlite.prepare(
    `INSERT INTO "ListingVariant" ("id","listingId","title","titleZh","sku","price","available","position") VALUES (?,?,?,?,?,?,1,0)`,
  );
  const start = Date.now();
  sqlite.transaction(() => {
    for (let index = 0; index < count; index += 1) {
      const [noun, nounZh, category] = NOUNS[index % NOUNS.length] as (typeof NOUNS)[number];
      const [adjective, adjectiveZh] = ADJECTIVES[(index * 7) % ADJECTIVES.length] as (typeof ADJECTIVES)[number];
      const brand = BRANDS[(index * 3) % BRANDS.length] as string;
      const store = stores[index % stores.length] as { id: string; currency: string };
      const model = `${brand.slice(0, 2).toUpperCase()}-${100 + (index % 900)}`;
      const amount = store.currency === "JPY" || store.currency === "KRW" ? String(1000 + (index % 50) * 700) : `${10 + (index % 400)}.99`;
      const id = `bench-${index}`;
      const created = new Date(start - index * 1000).toISOString();
      insertListing.run(
        id,
        store.id,
        category,
        `https://bench.example.com/products/${id}`,
        `${brand} ${adjective} ${noun} ${model}`,
        `${adjective} ${noun.toLowerCase()} by ${brand}, model ${model}.`,
        `${brand} ${adjectiveZh}${nounZh} ${model}`,
        `${brand} 出品的${adjectiveZh}${nounZh}，型号 ${model}。`,
        amount,
        store.currency,
        index % 11 === 0 ? 0 : 1,
        200 + (index % 20) * 50,
        categories.get(category) ?? "general",
        created,
        created,
      );
      insertImage.run(`${id}-img`, id, `/images/categories/${category}.svg`, `${nounZh}`);
      insertVariant.run(`${id}-v`, id, "Default", "默认", `${id}-sku`, amount);
    }
  })();
  sqlite.close();
}
