import { createCookie } from "@remix-run/node";
import { RemixI18Next } from "remix-i18next/server";
import { fallbackLng, supportedLngs } from "./i18n";
import { i18nConfig } from "./i18n-resources";
import { getEnv } from "./env.server";

export const localeCookie = createCookie("lng", {
  path: "/",
  sameSite: "lax",
  httpOnly: true,
  secure: getEnv().NODE_ENV === "production",
  maxAge: 365 * 24 * 3600,
});

// Cookie first, then Accept-Language; anything unsupported falls back to zh-CN.
export const i18next = new RemixI18Next({
  detection: {
    supportedLanguages: [...supportedLngs],
    fallbackLanguage: fallbackLng,
    cookie: localeCookie,
    order: ["cookie", "header"],
  },
  i18next: i18nConfig,
});
