import zhCommon from "../../locales/zh-CN/common.json";
import zhAuth from "../../locales/zh-CN/auth.json";
import zhCatalog from "../../locales/zh-CN/catalog.json";
import zhAdmin from "../../locales/zh-CN/admin.json";
import zhQuote from "../../locales/zh-CN/quote.json";
import zhJobs from "../../locales/zh-CN/jobs.json";
import zhWallet from "../../locales/zh-CN/wallet.json";
import zhOrders from "../../locales/zh-CN/orders.json";
import zhReturns from "../../locales/zh-CN/returns.json";
import zhTrust from "../../locales/zh-CN/trust.json";
import zhReviews from "../../locales/zh-CN/reviews.json";
import zhComplaints from "../../locales/zh-CN/complaints.json";
import zhConsult from "../../locales/zh-CN/consult.json";
import zhPromo from "../../locales/zh-CN/promo.json";
import zhRevisits from "../../locales/zh-CN/revisits.json";
import zhRequests from "../../locales/zh-CN/requests.json";
import zhShell from "../../locales/zh-CN/shell.json";
import zhTitles from "../../locales/zh-CN/titles.json";
import zhProduct from "../../locales/zh-CN/product.json";
import enCommon from "../../locales/en/common.json";
import enAuth from "../../locales/en/auth.json";
import enCatalog from "../../locales/en/catalog.json";
import enAdmin from "../../locales/en/admin.json";
import enQuote from "../../locales/en/quote.json";
import enWallet from "../../locales/en/wallet.json";
import enJobs from "../../locales/en/jobs.json";
import enOrders from "../../locales/en/orders.json";
import enReturns from "../../locales/en/returns.json";
import enTrust from "../../locales/en/trust.json";
import enReviews from "../../locales/en/reviews.json";
import enComplaints from "../../locales/en/complaints.json";
import enConsult from "../../locales/en/consult.json";
import enPromo from "../../locales/en/promo.json";
import enRevisits from "../../locales/en/revisits.json";
import enRequests from "../../locales/en/requests.json";
import enShell from "../../locales/en/shell.json";
import enTitles from "../../locales/en/titles.json";
import enProduct from "../../locales/en/product.json";

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
  "consult",
  "promo",
  "revisits",
  "requests",
  "shell",
  "titles",
  "product",
] as const;

// Small enough to ship whole: both languages render without a round trip for translations.
export const resources = {
  "zh-CN": {
    common: zhCommon,
    auth: zhAuth,
    catalog: zhCatalog,
    admin: zhAdmin,
    quote: zhQuote,
    jobs: zhJobs,
    wallet: zhWallet,
    orders: zhOrders,
    returns: zhReturns,
    trust: zhTrust,
    reviews: zhReviews,
    complaints: zhComplaints,
    consult: zhConsult,
    promo: zhPromo,
    revisits: zhRevisits,
    requests: zhRequests,
    shell: zhShell,
    titles: zhTitles,
    product: zhProduct,
  },
  en: {
    common: enCommon,
    auth: enAuth,
    catalog: enCatalog,
    admin: enAdmin,
    quote: enQuote,
    jobs: enJobs,
    wallet: enWallet,
    orders: enOrders,
    returns: enReturns,
    trust: enTrust,
    reviews: enReviews,
    complaints: enComplaints,
    consult: enConsult,
    promo: enPromo,
    revisits: enRevisits,
    requests: enRequests,
    shell: enShell,
    titles: enTitles,
    product: enProduct,
  },
};

export const i18nConfig = {
  supportedLngs: [...supportedLngs],
  fallbackLng,
  defaultNS: "common",
  ns: [...namespaces],
  interpolation: { escapeValue: false },
  resources,
};

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (supportedLngs as readonly string[]).includes(value);
}
