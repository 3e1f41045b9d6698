import { createInstance, type TFunction } from "i18next";
import { fallbackLng, isLocale, namespaces, resources, type Locale } from "./i18n";

// Page titles in the active language: a route's meta cannot use hooks, so it reads the locale from the root
// loader's data and translates with the same bundled resources ("<page> · <brand>").

type Match = { id: string; data?: unknown };

export function metaLocale(matches: readonly Match[]): Locale {
  const root = matches.find((match) => match.id === "root")?.data as { locale?: unknown } | undefined;
  return isLocale(root?.locale) ? root.locale : fallbackLng;
}

const translators = new Map<Locale, TFunction>();

function translator(locale: Locale): TFunction {
  const known = translators.get(locale);
  if (known) return known;
  const instance = createInstance();
  void instance.init({
    resources,
    lng: locale,
    fallbackLng,
    ns: [...namespaces],
    defaultNS: "common",
    initImmediate: false,
    interpolation: { escapeValue: false },
  });
  const t = instance.getFixedT(locale);
  translators.set(locale, t);
  return t;
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
