// Defaults from shared/specs/landed-cost.md: the tax table and fee schedule admins start from,
// and the shipping lines of the demo (one POSTAL and one CBEC line per origin country).

export const taxCategories = [
  { code: "books", nameZh: "图书", nameEn: "Books", postalRate: "0.13", cbecVat: "0.09", cbecConsumption: "0", mfnTariff: "0" },
  {
    code: "electronics",
    nameZh: "数码电子",
    nameEn: "Electronics",
    postalRate: "0.13",
    cbecVat: "0.13",
    cbecConsumption: "0",
    mfnTariff: "0",
  },
  { code: "food", nameZh: "食品", nameEn: "Food", postalRate: "0.13", cbecVat: "0.13", cbecConsumption: "0", mfnTariff: "0.10" },
  { code: "toys", nameZh: "玩具", nameEn: "Toys", postalRate: "0.13", cbecVat: "0.13", cbecConsumption: "0", mfnTariff: "0" },
  {
    code: "clothing",
    nameZh: "服装鞋帽",
    nameEn: "Clothing",
    postalRate: "0.20",
    cbecVat: "0.13",
    cbecConsumption: "0",
    mfnTariff: "0.07",
  },
  { code: "sports", nameZh: "运动用品", nameEn: "Sports", postalRate: "0.20", cbecVat: "0.13", cbecConsumption: "0", mfnTariff: "0.08" },
  {
    code: "appliances",
    nameZh: "家用电器",
    nameEn: "Appliances",
    postalRate: "0.20",
    cbecVat: "0.13",
    cbecConsumption: "0",
    mfnTariff: "0.08",
  },
  { code: "general", nameZh: "其他", nameEn: "General", postalRate: "0.20", cbecVat: "0.13", cbecConsumption: "0", mfnTariff: "0.08" },
  {
    code: "cosmetics_premium",
    nameZh: "高档化妆品",
    nameEn: "Premium cosmetics",
    postalRate: "0.50",
    cbecVat: "0.13",
    cbecConsumption: "0.15",
    mfnTariff: "0.01",
  },
  {
    code: "watch_premium",
    nameZh: "高档手表",
    nameEn: "Premium watches",
    postalRate: "0.50",
    cbecVat: "0.13",
    cbecConsumption: "0.20",
    mfnTariff: "0.08",
  },
  {
    code: "jewelry",
    nameZh: "珠宝首饰",
    nameEn: "Jewelry",
    postalRate: "0.50",
    cbecVat: "0.13",
    cbecConsumption: "0.10",
    mfnTariff: "0.08",
  },
  { code: "alcohol", nameZh: "酒类", nameEn: "Alcohol", postalRate: "0.50", cbecVat: "0.13", cbecConsumption: "0.10", mfnTariff: "0.14" },
];

export const feeSchedule = {
  id: "default",
  fxSpread: "0.01",
  serviceFeeRate: "0.05",
  serviceFeeMinimum: "10.00",
  insuranceRate: "0.01",
  ratesMaxAgeHours: 72,
  quoteValidityMinutes: 30,
  defaultShippingLineCode: "us-postal-ems",
};

type Line = {
  code: string;
  nameZh: string;
  nameEn: string;
  originCountry: string;
  customsRegime: "POSTAL" | "CBEC";
  firstWeightGrams: number;
  firstWeightPrice: string;
  additionalWeightGrams: number;
  additionalWeightPrice: string;
  volumetricDivisor: number | null;
  handlingFee: string;
  etaDaysMin: number;
  etaDaysMax: number;
  isDefault: boolean;
};

function postal(
  country: string,
  nameZh: string,
  nameEn: string,
  first: string,
  extra: string,
  handling: string,
  eta: [number, number],
): Line {
  return {
    code: `${country.toLowerCase()}-postal-ems`,
    nameZh,
    nameEn,
    originCountry: country,
    customsRegime: "POSTAL",
    firstWeightGrams: 500,
    firstWeightPrice: first,
    additionalWeightGrams: 500,
    additionalWeightPrice: extra,
    volumetricDivisor: 6000,
    handlingFee: handling,
    etaDaysMin: eta[0],
    etaDaysMax: eta[1],
    isDefault: true,
  };
}

function cbec(country: string, nameZh: string, nameEn: string, first: string, extra: string, eta: [number, number]): Line {
  return {
    code: `${country.toLowerCase()}-cbec-bonded`,
    nameZh,
    nameEn,
    originCountry: country,
    customsRegime: "CBEC",
    firstWeightGrams: 1000,
    firstWeightPrice: first,
    additionalWeightGrams: 500,
    additionalWeightPrice: extra,
    volumetricDivisor: 5000,
    handlingFee: "5.00",
    etaDaysMin: eta[0],
    etaDaysMax: eta[1],
    isDefault: false,
  };
}

export const shippingLines: Line[] = [
  postal("US", "美国 EMS 邮政直邮（行邮）", "US EMS postal (personal articles)", "98.00", "32.00", "10.00", [10, 18]),
  cbec("US", "美国跨境电商专线（综合税）", "US cross-border e-commerce line", "75.00", "28.00", [7, 12]),
  postal("JP", "日本 EMS 邮政直邮（行邮）", "Japan EMS postal (personal articles)", "75.00", "18.00", "8.00", [4, 8]),
  cbec("JP", "日本跨境电商专线（综合税）", "Japan cross-border e-commerce line", "45.00", "15.00", [3, 6]),
  postal("DE", "德国邮政直邮（行邮）", "Germany postal (personal articles)", "92.00", "30.00", "10.00", [10, 20]),
  cbec("DE", "德国跨境电商专线（综合税）", "Germany cross-border e-commerce line", "70.00", "26.00", [8, 14]),
  postal("KR", "韩国 EMS 邮政直邮（行邮）", "Korea EMS postal (personal articles)", "68.00", "16.00", "8.00", [3, 7]),
  cbec("KR", "韩国跨境电商专线（综合税）", "Korea cross-border e-commerce line", "40.00", "14.00", [3, 6]),
  postal("GB", "英国皇家邮政直邮（行邮）", "UK Royal Mail postal (personal articles)", "95.00", "31.00", "10.00", [10, 20]),
  cbec("GB", "英国跨境电商专线（综合税）", "UK cross-border e-commerce line", "72.00", "27.00", [8, 14]),
];

export const demoUsers = [
  { email: "shopper@example.com", name: "小林", role: "SHOPPER" },
  { email: "agent@example.com", name: "王代购", role: "AGENT" },
  { email: "admin@example.com", name: "管理员", role: "ADMIN" },
] as const;

export const DEMO_PASSWORD = "daigou-demo-1";
export const DEMO_FX_SOURCE = "Demo seed: ECB reference rates of 2024-03-13, not today's rates";
