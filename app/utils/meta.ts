import i18next, { type TFunction } from "i18next";
import { fallbackLng, isLocale, type Locale } from "./i18n";
import { serverTranslator } from "./meta-translator.server";

// Page titles in the active language: a route's meta cannot use hooks, so it reads the locale from the root
// loader's data ("<page> · <brand>"). On the server the translator holds both languages; in the browser
// (client navigation) the app's i18next holds the one on screen. The browser build leaves
// meta-translator.server.ts out, so the translations of both languages never reach it through here.

type Match = { id: string; data?: unknown };

export function metaLocale(matches: readonly Match[]): Locale {
  const root = matches.find((match) => match.id === "root")?.data as { locale?: unknown } | undefined;
  return isLocale(root?.locale) ? root.locale : fallbackLng;
}

function translator(locale: Locale): TFunction {
  if (typeof document === "undefined") return serverTranslator(locale);
  return i18next.getFixedT(locale);
}

/** "<page> · <brand>" for a key of the titles namespace (with its values), in the page's language. */
export function pageTitle(matches: readonly Match[], key: string, values: Record<string, string> = {}): string {
  const t = translator(metaLocale(matches));
  return `${t(`titles:${key}`, values)} · ${t("brand.name")}`;
}

/** The brand alone (the home page). */
export function brandTitle(matches: readonly Match[]): string {
  return translator(metaLocale(matches))("titles:home");
}
