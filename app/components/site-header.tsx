import { Form, Link, NavLink } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { Role } from "~/domain/auth/roles";
import { supportedLngs } from "~/utils/i18n";
import { GuaranteeLink } from "./guarantee-link";
import { WorkbenchMenu } from "./workbench-menu";

type HeaderProps = {
  user: { name: string; role: Role } | null;
  unread: number;
  /** Units in the cart (sum of quantities). */
  cartUnits: number;
  categories: { slug: string; nameZh: string; nameEn: string }[];
  locale: string;
  path: string;
};

// One row on a phone (brand, search, the staff menu, notifications): the shopper's links are the bottom tab
// bar and the 我的 page there. From 960 px the header also shows them (.wide-only) and the category row.
export function SiteHeader({ user, unread, cartUnits, categories, locale, path }: HeaderProps) {
  const { t } = useTranslation();
  return (
    <header className="site-header" data-signed-in={user ? "true" : "false"}>
      <div className="header-row">
        <Link to="/" className="brand" aria-label={t("brand.home")}>
          <img src="/favicon.svg" alt="" width="28" height="28" />
          <span className="brand-name">{t("brand.name")}</span>
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
              <WorkbenchMenu role={user.role} />
              <NavLink
                to="/notifications"
                className="icon-link"
                aria-label={unread ? t("nav.notificationsUnread", { count: unread }) : t("nav.notifications")}
              >
                <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true" focusable="false">
                  <path
                    d="M6 17V11a6 6 0 1 1 12 0v6l2 2H4zM10 21h4"
                    fill="none"
                    stroke="currentColor"
                    strokeWidth="1.8"
                    strokeLinejoin="round"
                  />
                </svg>
                <span className="wide-only">{t("nav.notifications")}</span>
                {unread ? (
                  <span className="badge" aria-hidden="true">
                    {unread}
                  </span>
                ) : null}
              </NavLink>
              <NavLink to="/cart" className="wide-only" aria-label={cartUnits ? t("nav.cartCount", { count: cartUnits }) : t("nav.cart")}>
                {t("nav.cart")}
                {cartUnits ? (
                  <span className="badge" aria-hidden="true" data-testid="header-cart-badge">
                    {cartUnits}
                  </span>
                ) : null}
              </NavLink>
              <NavLink to="/orders" className="wide-only">
                {t("nav.orders")}
              </NavLink>
              <NavLink to="/wallet" className="wide-only">
                {t("nav.wallet")}
              </NavLink>
              <NavLink to="/account" className="wide-only">
                {user.name}
              </NavLink>
              <Form method="post" action="/logout" className="wide-only">
                <button type="submit" className="link-button">
                  {t("nav.logout")}
                </button>
              </Form>
            </>
          ) : (
            <>
              <NavLink to={`/login?redirectTo=${encodeURIComponent(path)}`}>{t("nav.login")}</NavLink>
              <NavLink to="/signup" className="wide-only">
                {t("nav.signup")}
              </NavLink>
            </>
          )}
        </nav>
      </div>
      <nav className="category-nav wide-only" aria-label={t("nav.categories")}>
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

/**
 * The language buttons: in the footer of every page and on the 我的 page. A switch reloads the page, which
 * then arrives rendered in the new language (the browser holds only the language it shows).
 */
export function LocaleSwitcher({ locale, path }: { locale: string; path: string }) {
  const { t } = useTranslation();
  return (
    <Form method="post" action="/set-locale" className="locale-switcher" reloadDocument>
      <input type="hidden" name="redirectTo" value={path} />
      {supportedLngs.map((lng) => (
        <button key={lng} type="submit" name="locale" value={lng} lang={lng} aria-pressed={lng === locale} className="link-button">
          {t(`languages.${lng}`)}
        </button>
      ))}
    </Form>
  );
}

export function SiteFooter({ locale, path }: { locale: string; path: string }) {
  const { t } = useTranslation();
  return (
    <footer className="site-footer">
      <p>
        {t("footer.promise")} <GuaranteeLink short />
      </p>
      <p>
        <Link to="/contact">{t("consult:nav.contact")}</Link>
      </p>
      <LocaleSwitcher locale={locale} path={path} />
    </footer>
  );
}
