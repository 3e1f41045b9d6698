// Where an unregistered store ships from decides its shipping lines and customs rules, so it is
// derived only from plain evidence: the country-code domain, then the currency. No evidence → null.
const BY_TLD: Record<string, string> = {
  jp: "JP",
  de: "DE",
  kr: "KR",
  uk: "GB",
  fr: "FR",
  it: "IT",
  au: "AU",
  ca: "CA",
  us: "US",
  hk: "HK",
  tw: "TW",
  mo: "MO",
};
const BY_CURRENCY: Record<string, string> = { USD: "US", JPY: "JP", KRW: "KR", GBP: "GB", AUD: "AU", CAD: "CA", HKD: "HK" };

export function storeOrigin(hostname: string, currency: string): string | null {
  const tld = hostname.toLowerCase().split(".").pop() ?? "";
  return BY_TLD[tld] ?? BY_CURRENCY[currency] ?? null;
}

export function storeSlug(hostname: string): string {
  return hostname
    .toLowerCase()
    .replace(/^www\./, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .slice(0, 60);
}
