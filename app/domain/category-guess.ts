// A first guess at a listing's category from the store's own words; agents correct it on review.
const KEYWORDS: [string, RegExp][] = [
  ["watches", /\b(watch|watches|chronograph|diver)\b|腕時計|手表|시계|armbanduhr/i],
  ["jewelry", /\b(ring|necklace|bracelet|earrings?|pendant|jewel(le)?ry)\b|ネックレス|指輪|项链|戒指|목걸이|반지|schmuck|kette/i],
  [
    "cosmetics",
    /\b(serum|cream|lotion|sunscreen|cleanser|toner|essence|mask|lipstick|cosmetics?|skincare)\b|美容液|化粧水|クリーム|精华|面霜|에센스|크림|세럼|creme/i,
  ],
  [
    "electronics",
    /\b(headphones?|earbuds?|speaker|camera|charger|bluetooth|wireless|usb|keyboard|mouse|tablet|phone)\b|イヤホン|ヘッドホン|耳机|이어폰|헤드폰|kopfhörer/i,
  ],
  [
    "appliances",
    /\b(rice cooker|kettle|vacuum|blender|toaster|coffee maker|air fryer|appliance)\b|炊飯器|ケトル|电饭煲|밥솥|wasserkocher|staubsauger/i,
  ],
  ["toys", /\b(toy|lego|building set|puzzle|doll|plush|figure|minicar)\b|おもちゃ|玩具|장난감|spielzeug/i],
  ["books", /\b(book|novel|paperback|hardcover|manga|comic)\b|書籍|小説|图书|书籍|小说|책|buch/i],
  ["food", /\b(tea|matcha|coffee|chocolate|snack|candy|honey|supplement|vitamin)\b|抹茶|お茶|茶|咖啡|차|tee|schokolade/i],
  ["sports", /\b(running|sneakers?|trainers?|shoes?|yoga|hiking|backpack|tent|bike|golf)\b|シューズ|运动|跑鞋|운동화|laufschuh/i],
  [
    "clothing",
    /\b(shirt|t-shirt|sweater|jacket|coat|jeans|pants|dress|hoodie|socks|scarf|apparel)\b|シャツ|ジャケット|毛衣|夹克|셔츠|재킷|pullover|jacke/i,
  ],
];

export const FALLBACK_CATEGORY = "other";

export function guessCategory(...texts: (string | null | undefined)[]): string {
  const haystack = texts.filter(Boolean).join(" ");
  return KEYWORDS.find(([, pattern]) => pattern.test(haystack))?.[0] ?? FALLBACK_CATEGORY;
}
