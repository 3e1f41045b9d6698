// The en translations, one module per language so the browser loads only the language it shows.
import common from "../../../locales/en/common.json";
import auth from "../../../locales/en/auth.json";
import catalog from "../../../locales/en/catalog.json";
import admin from "../../../locales/en/admin.json";
import quote from "../../../locales/en/quote.json";
import wallet from "../../../locales/en/wallet.json";
import jobs from "../../../locales/en/jobs.json";
import orders from "../../../locales/en/orders.json";
import returns from "../../../locales/en/returns.json";
import trust from "../../../locales/en/trust.json";
import reviews from "../../../locales/en/reviews.json";
import complaints from "../../../locales/en/complaints.json";
import claims from "../../../locales/en/claims.json";
import consult from "../../../locales/en/consult.json";
import promo from "../../../locales/en/promo.json";
import revisits from "../../../locales/en/revisits.json";
import requests from "../../../locales/en/requests.json";
import shell from "../../../locales/en/shell.json";
import titles from "../../../locales/en/titles.json";
import product from "../../../locales/en/product.json";

export default {
  common,
  auth,
  catalog,
  admin,
  quote,
  wallet,
  jobs,
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
