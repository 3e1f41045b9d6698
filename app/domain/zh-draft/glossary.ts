// Original words → Simplified Chinese, for drafting titles without any online service. Agents review
// every draft; the glossary only has to be right, not complete. Longest phrases are matched first.
const ATTRIBUTES: Record<string, string> = {
  "noise cancelling": "降噪", "noise canceling": "降噪", "active noise cancelling": "主动降噪", wireless: "无线", bluetooth: "蓝牙",
  waterproof: "防水", "water resistant": "防泼水", organic: "有机", "limited edition": "限定版", automatic: "自动机械",
  lightweight: "轻量", portable: "便携", "stainless steel": "不锈钢", "men's": "男款", mens: "男款", "women's": "女款", womens: "女款",
  "kids'": "儿童", kids: "儿童", unisex: "男女同款", handmade: "手工", vintage: "复古", classic: "经典", premium: "高端", mini: "迷你",
  "merino wool": "美利奴羊毛", wool: "羊毛", cashmere: "羊绒", cotton: "棉", "organic cotton": "有机棉", linen: "亚麻", silk: "真丝",
  leather: "真皮", down: "羽绒", nylon: "尼龙", polyester: "涤纶", "14k gold": "14K 金", gold: "金", silver: "银", titanium: "钛",
  waxed: "打蜡", insulated: "保温", rechargeable: "可充电", "true wireless": "真无线", "over-ear": "头戴式", "in-ear": "入耳式",
  crew: "圆领", "v-neck": "V 领", hooded: "连帽", slim: "修身", trail: "越野",
};
const COLOURS: Record<string, string> = {
  black: "黑色", white: "白色", navy: "海军蓝", blue: "蓝色", red: "红色", green: "绿色", grey: "灰色", gray: "灰色", beige: "米色",
  olive: "橄榄绿", burgundy: "酒红色", khaki: "卡其色", brown: "棕色", pink: "粉色", purple: "紫色", yellow: "黄色", orange: "橙色",
  cream: "奶油色", natural: "本色", charcoal: "炭灰色", ivory: "象牙白", "rose gold": "玫瑰金",
  schwarz: "黑色", "weiß": "白色", weiss: "白色", blau: "蓝色", rot: "红色", "grün": "绿色", grau: "灰色",
  "ブラック": "黑色", "ホワイト": "白色", "黒": "黑色", "白": "白色", "블랙": "黑色", "화이트": "白色",
};
const NOUNS: Record<string, string> = {
  headphones: "耳机", headphone: "耳机", earbuds: "耳机", earphones: "耳机", speaker: "音箱", camera: "相机", charger: "充电器",
  jacket: "夹克", "field jacket": "工装夹克", coat: "大衣", sweater: "毛衣", jumper: "毛衣", cardigan: "开衫", "t-shirt": "T 恤", tee: "T 恤",
  shirt: "衬衫", hoodie: "连帽卫衣", jeans: "牛仔裤", pants: "长裤", trousers: "长裤", shorts: "短裤", dress: "连衣裙", skirt: "半身裙",
  socks: "袜子", scarf: "围巾", beanie: "毛线帽", cap: "帽子", hat: "帽子", gloves: "手套",
  sneakers: "运动鞋", trainers: "运动鞋", "running shoes": "跑鞋", runners: "跑鞋", shoes: "鞋", boots: "靴子", sandals: "凉鞋",
  backpack: "双肩包", bag: "包", tote: "托特包", wallet: "钱包", "yoga mat": "瑜伽垫", tent: "帐篷",
  watch: "手表", diver: "潜水表", chronograph: "计时码表", ring: "戒指", "signet ring": "印章戒指", necklace: "项链", bracelet: "手链", earrings: "耳环", pendant: "吊坠",
  serum: "精华液", "face serum": "面部精华液", essence: "精华水", cream: "面霜", "face cream": "面霜", sunscreen: "防晒霜", lotion: "乳液",
  cleanser: "洁面乳", toner: "爽肤水", mask: "面膜", lipstick: "口红",
  toy: "玩具", "building set": "积木套装", puzzle: "拼图", doll: "玩偶", "plush": "毛绒玩具", minicar: "合金小汽车",
  book: "书", novel: "小说", cookbook: "食谱",
  "rice cooker": "电饭煲", kettle: "电水壶", vacuum: "吸尘器", blender: "搅拌机", toaster: "烤面包机", "coffee maker": "咖啡机",
  matcha: "抹茶", "matcha powder": "抹茶粉", tea: "茶", coffee: "咖啡", chocolate: "巧克力", honey: "蜂蜜", vitamins: "维生素",
  "パウダー": "粉", "抹茶": "抹茶", "炊飯器": "电饭煲", "イヤホン": "耳机", "ヘッドホン": "耳机", "美容液": "精华液",
  "에센스": "精华", "크림": "面霜", "세럼": "精华液", "마스크": "面膜",
  "kopfhörer": "耳机", wasserkocher: "电水壶", staubsauger: "吸尘器", pullover: "毛衣", jacke: "夹克", uhr: "手表", kette: "项链",
};

export type GlossaryEntry = { source: string; zh: string; kind: "attribute" | "colour" | "noun" };

export const GLOSSARY: GlossaryEntry[] = [
  ...Object.entries(ATTRIBUTES).map(([source, zh]) => ({ source, zh, kind: "attribute" as const })),
  ...Object.entries(COLOURS).map(([source, zh]) => ({ source, zh, kind: "colour" as const })),
  ...Object.entries(NOUNS).map(([source, zh]) => ({ source, zh, kind: "noun" as const })),
].sort((a, b) => b.source.length - a.source.length);

const LATIN = /^[\p{Script=Latin}\d\s'’.-]+$/u;

/**
 * Finds the glossary entry that starts at `index` of `text`, longest first. Latin entries must
 * stand as whole words ("Blackwell" is not "black"); CJK and Hangul entries match anywhere.
 */
export function matchAt(text: string, index: number): GlossaryEntry | null {
  const lower = text.toLowerCase();
  for (const entry of GLOSSARY) {
    if (!lower.startsWith(entry.source, index)) continue;
    if (LATIN.test(entry.source)) {
      const before = lower[index - 1];
      const after = lower[index + entry.source.length];
      if ((before && /[\p{L}\d]/u.test(before)) || (after && /[\p{L}\d]/u.test(after))) continue;
    }
    return entry;
  }
  return null;
}

export function lookup(word: string): string | null {
  const entry = matchAt(word, 0);
  return entry && entry.source.length === word.length ? entry.zh : null;
}
