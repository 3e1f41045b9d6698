import { Form, Link, NavLink } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { Role } from "~/domain/auth/roles";
import { supportedLngs } from "~/utils/i18n";
import { GuaranteeLink } from "./guarantee-link";

type HeaderProps = {
  user: { name: string; role: Role } | null;
  unread: number;
  /** Units in the cart (sum of quantities). */
  cartUnits: number;
  categories: { slug: string; nameZh: string; nameEn: string }[];
  locale: string;
  path: string;
};

export function SiteHeader({ user, unread, cartUnits, categories, locale, path }: HeaderProps) {
  const { t } = useTranslation();
  return (
    <header className="site-header">
      <div className="header-row">
        <Link to="/" className="brand" aria-label={t("brand.home")}>
          <img src="/favicon.svg" alt="" width="28" height="28" />
          <span>{t("brand.name")}</span>
        </Link>
        <Form method="get" action="/search" className="search-form" role="search">
          <label htmlFor="site-search" className="visually-hidden">
            {t("nav.searchLabel")}
          </label>
          <input id="site-search" type="search" name="q" placeholder={t("nav.searchPlaceholder")} maxLength={2000} />
          <button type="submit">{t("nav.search")}</button>
        </Form>
        <nav className="account-nav" aria-label={t("nav.account")}>
          {user ? (
            <>
              {user.role === "AGENT" || user.role === "ADMIN" ? <NavLink to="/agent/orders">{t("nav.orderQueue")}</NavLink> : null}
              {user.role === "AGENT" || user.role === "ADMIN" ? <NavLink to="/agent/returns">{t("nav.returnQueue")}</NavLink> : null}
              {user.role === "AGENT" || user.role === "ADMIN" ? <NavLink to="/agent/questions">{t("consult:nav.queue")}</NavLink> : null}
              {user.role === "AGENT" || user.role === "ADMIN" ? <NavLink to="/agent/requests">{t("requests:nav.queue")}</NavLink> : null}
              {user.role === "AGENT" || user.role === "ADMIN" ? <NavLink to="/agent">{t("nav.agent")}</NavLink> : null}
              {user.role === "ADMIN" ? <NavLink to="/admin">{t("nav.admin")}</NavLink> : null}
              <NavLink to="/notifications" aria-label={unread ? t("nav.notificationsUnread", { count: unread }) : t("nav.notifications")}>
                {t("nav.notifications")}
                {unread ? (
                  <span className="badge" aria-hidden="true">
                    {unread}
                  </span>
                ) : null}
              </NavLink>
              <NavLink to="/cart" aria-label={cartUnits ? t("nav.cartCount", { count: cartUnits }) : t("nav.cart")}>
                {t("nav.cart")}
                {cartUnits ? (
                  <span className="badge" aria-hidden="true" data-testid="cart-badge">
                    {cartUnits}
                  </span>
                ) : null}
              </NavLink>
              <NavLink to="/orders">{t("nav.orders")}</NavLink>
              {user.role === "SHOPPER" ? <NavLink to="/returns">{t("nav.returns")}</NavLink> : null}
              {user.role === "SHOPPER" ? <NavLink to="/requests">{t("requests:nav.mine")}</NavLink> : null}
              <NavLink to="/wallet">{t("nav.wallet")}</NavLink>
              <NavLink to="/account">{user.name}</NavLink>
              <Form method="post" action="/logout">
                <button type="submit" className="link-button">
                  {t("nav.logout")}
                </button>
              </Form>
            </>
          ) : (
            <>
              <NavLink to={`/login?redirectTo=${encodeURIComponent(path)}`}>{t("nav.login")}</NavLink>
              <NavLink to="/signup">{t("nav.signup")}</NavLink>
            </>
          )}
          <Form method="post" action="/set-locale" className="locale-switcher">
            <input type="hidden" name="redirectTo" value={path} />
            {supportedLngs.map((lng) => (
              <button key={lng} type="submit" name="locale" value={lng} lang={lng} aria-pressed={lng === locale} className="link-button">
                {t(`languages.${lng}`)}
              </button>
            ))}
          </Form>
        </nav>
      </div>
      <nav className="category-nav" aria-label={t("nav.categories")}>
        <NavLink to="/quote">{t("nav.quote")}</NavLink>
        <NavLink to="/import">{t("nav.import")}</NavLink>
        {categories.map((category) => (
          <NavLink key={category.slug} to={`/c/${category.slug}`}>
            {locale === "en" ? category.nameEn : category.nameZh}
          </NavLink>
        ))}
      </nav>
    </header>
  );
}

export function SiteFooter() {
  const { t } = useTranslation();
  return (
    <footer className="site-footer">
      <p>
        {t("footer.promise")} <GuaranteeLink short />
      </p>
      <p>
        <Link to="/contact">{t("consult:nav.contact")}</Link>
      </p>
    </footer>
  );
}
