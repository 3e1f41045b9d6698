import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";

type BuyBarProps = {
  /** The landed price as shown (CNY), or null while it cannot be quoted. */
  landed: string | null;
  /** The store's price and its currency, small beside it. */
  original: string;
  /** The id of the page's add-to-cart form; null when the listing cannot be bought now. */
  cartForm: string | null;
  signedIn: boolean;
  /** Where a visitor comes back to after logging in (this listing, with the chosen variant). */
  returnTo: string;
  submitting: boolean;
};

// The listing's price and 加入购物车, stuck above the tab bar while the shopper reads. The button submits the
// page's own cart form through the form attribute, so the chosen variant and quantity go with it, scripts
// or not. A visitor gets the way to log in and back here instead.
export function BuyBar({ landed, original, cartForm, signedIn, returnTo, submitting }: BuyBarProps) {
  const { t } = useTranslation();
  return (
    <aside className="buy-bar" aria-label={t("shell:buyBar.label")} data-testid="buy-bar">
      <p className="buy-bar-price">
        {landed ? <strong>{landed}</strong> : null}
        <small>{original}</small>
      </p>
      {!signedIn ? (
        <div>
          <Link className="button primary" to={`/login?redirectTo=${encodeURIComponent(returnTo)}`}>
            {t("shell:buyBar.loginToBuy")}
          </Link>
          <p className="buy-bar-hint">{t("shell:buyBar.visitorHint")}</p>
        </div>
      ) : cartForm ? (
        <button type="submit" form={cartForm} className="button primary" disabled={submitting}>
          {t("orders:cart.add")}
        </button>
      ) : (
        <span className="badge badge-muted">{t("shell:buyBar.unavailable")}</span>
      )}
    </aside>
  );
}
