import { Link, NavLink } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

type TabBarProps = { signedIn: boolean; cartUnits: number };

// The phone's bottom navigation (hidden from 960 px, where the header has room for these links). NavLink
// marks the current tab with aria-current="page".
export function TabBar({ signedIn, cartUnits }: TabBarProps) {
  const { t } = useTranslation();
  return (
    <nav className="tab-bar" aria-label={t("shell:tabs.label")}>
      <NavLink to="/" end>
        <TabIcon path="M3 11l9-7 9 7v9a1 1 0 0 1-1 1h-5v-6h-6v6H4a1 1 0 0 1-1-1z" />
        <span>{t("shell:tabs.home")}</span>
      </NavLink>
      <NavLink to="/categories">
        <TabIcon path="M4 4h7v7H4zM13 4h7v7h-7zM4 13h7v7H4zM13 13h7v7h-7z" />
        <span>{t("shell:tabs.categories")}</span>
      </NavLink>
      <AccountTab to="/cart" signedIn={signedIn} label={cartUnits ? t("shell:tabs.cartCount", { count: cartUnits }) : undefined}>
        <TabIcon path="M3 4h2l2.4 11h10.2L20 7H7M9 20a1 1 0 1 0 0-.01M17 20a1 1 0 1 0 0-.01" />
        <span>{t("shell:tabs.cart")}</span>
        {cartUnits ? (
          <span className="tab-badge" aria-hidden="true" data-testid="cart-badge">
            {cartUnits > 99 ? "99+" : cartUnits}
          </span>
        ) : null}
      </AccountTab>
      <AccountTab to="/orders" signedIn={signedIn}>
        <TabIcon path="M6 3h12v18H6zM9 8h6M9 12h6M9 16h4" />
        <span>{t("shell:tabs.orders")}</span>
      </AccountTab>
      <AccountTab to="/account" signedIn={signedIn}>
        <TabIcon path="M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8zM4 21a8 8 0 0 1 16 0" />
        <span>{t("shell:tabs.me")}</span>
      </AccountTab>
    </nav>
  );
}

/** A tab that needs an account: a visitor goes to log in and comes back (a plain link: never "current"). */
function AccountTab({ to, signedIn, label, children }: { to: string; signedIn: boolean; label?: string; children: ReactNode }) {
  if (signedIn)
    return (
      <NavLink to={to} aria-label={label}>
        {children}
      </NavLink>
    );
  return (
    <Link to={`/login?redirectTo=${encodeURIComponent(to)}`} aria-label={label}>
      {children}
    </Link>
  );
}

function TabIcon({ path }: { path: string }) {
  return (
    <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true" focusable="false">
      <path d={path} fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}
