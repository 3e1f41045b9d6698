import { createInstance, type TFunction } from "i18next";
import type { Locale } from "./i18n";
import { i18nConfig } from "./i18n-resources";

// Page titles rendered on the server: one fixed translator per language over both bundled languages. (The
// browser translates titles with its own i18next, which holds the language on screen.)
const translators = new Map<Locale, TFunction>();

export function serverTranslator(locale: Locale): TFunction {
  const known = translators.get(locale);
  if (known) return known;
  const instance = createInstance();
  void instance.init({ ...i18nConfig, lng: locale, initImmediate: false });
  const t = instance.getFixedT(locale);
  translators.set(locale, t);
  return t;
}
