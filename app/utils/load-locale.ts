import type { Resource } from "i18next";
import type { Locale } from "./i18n";

// The browser's translations: the language the page is in, as its own chunk (about half the size of both).
export async function loadLocale(locale: Locale): Promise<Resource[string]> {
  return locale === "en" ? (await import("./locales/en")).default : (await import("./locales/zh-CN")).default;
}
