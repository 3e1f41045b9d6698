export const supportedLngs = ["zh-CN", "en"] as const;
export type Locale = (typeof supportedLngs)[number];
export const fallbackLng: Locale = "zh-CN";
export const namespaces = [
  "common",
  "auth",
  "catalog",
  "admin",
  "quote",
  "jobs",
  "wallet",
  "orders",
  "returns",
  "trust",
  "reviews",
  "complaints",
  "claims",
  "consult",
  "promo",
  "revisits",
  "requests",
  "shell",
  "titles",
  "product",
] as const;

/** Everything but the translations: the server adds both languages (i18n-resources.ts), the browser the one it shows (load-locale.ts). */
export const i18nBaseConfig = {
  supportedLngs: [...supportedLngs],
  fallbackLng,
  defaultNS: "common",
  ns: [...namespaces],
  interpolation: { escapeValue: false },
};

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (supportedLngs as readonly string[]).includes(value);
}
