import en from "./locales/en";
import zhCN from "./locales/zh-CN";
import { i18nBaseConfig } from "./i18n";

// Both languages, for the server (it renders either) and the tests. The browser never imports this module:
// it loads the one language it shows (load-locale.ts).
export const resources = { "zh-CN": zhCN, en };

export const i18nConfig = { ...i18nBaseConfig, resources };
