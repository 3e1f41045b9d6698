import { RemixBrowser } from "@remix-run/react";
import i18next from "i18next";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { fallbackLng, i18nBaseConfig, isLocale } from "./utils/i18n";
import { loadLocale } from "./utils/load-locale";

async function hydrate() {
  // The server chose the language; <html lang> carries it to the browser, which loads only that language.
  const lang = document.documentElement.lang;
  const lng = isLocale(lang) ? lang : fallbackLng;
  await i18next.use(initReactI18next).init({ ...i18nBaseConfig, lng, resources: { [lng]: await loadLocale(lng) } });
  startTransition(() => {
    hydrateRoot(
      document,
      <I18nextProvider i18n={i18next}>
        <StrictMode>
          <RemixBrowser />
        </StrictMode>
      </I18nextProvider>,
    );
  });
}

void hydrate();
