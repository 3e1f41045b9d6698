// Demo return addresses, one per origin country of the seeded shipping lines (seed-data/reference.ts).
// Demo data only: a production installation starts with none, and shoppers read that the agent will
// send the address until an admin sets one at /admin/returns.
export const demoReturnAddresses: { country: string; address: string }[] = [
  { country: "US", address: "GlobalBuy Returns (US)\n1200 Harbor Ave, Suite 4\nLong Beach, CA 90802\nUSA" },
  {
    country: "JP",
    address:
      "グローバルバイ返品センター\n〒135-0064 東京都江東区青海 2-4-24\nGlobalBuy Returns (JP), Aomi 2-4-24, Koto-ku, Tokyo 135-0064, Japan",
  },
  { country: "DE", address: "GlobalBuy Retouren (DE)\nHafenstraße 12\n20457 Hamburg\nDeutschland" },
  {
    country: "KR",
    address: "글로벌바이 반품센터\n인천광역시 중구 공항로 272\nGlobalBuy Returns (KR), 272 Gonghang-ro, Jung-gu, Incheon 22382, Korea",
  },
  { country: "GB", address: "GlobalBuy Returns (UK)\nUnit 7, Heathrow Cargo Centre\nHounslow TW6 3RR\nUnited Kingdom" },
];

export const DEMO_PLATFORM_CONTACT = "客服邮箱 help@globalbuy.example（工作日 9:00–18:00 北京时间） · support email help@globalbuy.example";
