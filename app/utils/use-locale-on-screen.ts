import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import type { Locale } from "./i18n";
import { loadLocale } from "./load-locale";

/**
 * Follows the root loader's locale in the browser: after a language switch the other language's translations
 * are loaded first (the page keeps the old language meanwhile, never raw keys), then the page changes.
 */
export function useLocaleOnScreen(locale: Locale) {
  const { i18n } = useTranslation();
  useEffect(() => {
    if (i18n.language === locale) return;
    let current = true;
    void (async () => {
      if (!i18n.hasResourceBundle(locale, "common")) {
        const bundle = await loadLocale(locale);
        for (const [ns, resources] of Object.entries(bundle)) i18n.addResourceBundle(locale, ns, resources, true, true);
      }
      if (current) await i18n.changeLanguage(locale);
    })();
    return () => {
      current = false;
    };
  }, [locale, i18n]);
}
