// The zh-CN translations, one module per language so the browser loads only the language it shows.
import common from "../../../locales/zh-CN/common.json";
import auth from "../../../locales/zh-CN/auth.json";
import catalog from "../../../locales/zh-CN/catalog.json";
import admin from "../../../locales/zh-CN/admin.json";
import quote from "../../../locales/zh-CN/quote.json";
import jobs from "../../../locales/zh-CN/jobs.json";
import wallet from "../../../locales/zh-CN/wallet.json";
import orders from "../../../locales/zh-CN/orders.json";
import returns from "../../../locales/zh-CN/returns.json";
import trust from "../../../locales/zh-CN/trust.json";
import reviews from "../../../locales/zh-CN/reviews.json";
import complaints from "../../../locales/zh-CN/complaints.json";
import claims from "../../../locales/zh-CN/claims.json";
import consult from "../../../locales/zh-CN/consult.json";
import promo from "../../../locales/zh-CN/promo.json";
import revisits from "../../../locales/zh-CN/revisits.json";
import requests from "../../../locales/zh-CN/requests.json";
import shell from "../../../locales/zh-CN/shell.json";
import titles from "../../../locales/zh-CN/titles.json";
import product from "../../../locales/zh-CN/product.json";

export default {
  common,
  auth,
  catalog,
  admin,
  quote,
  jobs,
  wallet,
  orders,
  returns,
  trust,
  reviews,
  complaints,
  claims,
  consult,
  promo,
  revisits,
  requests,
  shell,
  titles,
  product,
};
