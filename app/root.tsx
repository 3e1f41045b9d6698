import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Links, Meta, Outlet, Scripts, ScrollRestoration, useRouteLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "./components/error-boundary";
import { SiteFooter, SiteHeader } from "./components/site-header";
import { TabBar } from "./components/tab-bar";
import { countCartUnits } from "./services/cart.server";
import { listCategories } from "./services/catalog.server";
import { countUnread } from "./services/notifications.server";
import { getUser } from "./utils/auth.server";
import { fallbackLng, isLocale } from "./utils/i18n";
import { useLocaleOnScreen } from "./utils/use-locale-on-screen";
import { i18next } from "./utils/i18n.server";
import { InlineStylesheet } from "./utils/inline-stylesheet";
import { useNonce } from "./utils/nonce-provider";
import styles from "./styles/app.css?url";
import shellStyles from "./styles/shell.css?url";

export const links: LinksFunction = () => [{ rel: "icon", href: "/favicon.svg", type: "image/svg+xml" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const [locale, user, categories] = await Promise.all([i18next.getLocale(request), getUser(request), listCategories()]);
  const [unread, cartUnits] = user ? await Promise.all([countUnread(user.id), countCartUnits(user.id)]) : [0, 0];
  const url = new URL(request.url);
  return json({ locale, user, unread, cartUnits, categories, path: `${url.pathname}${url.search}` });
}

export type RootLoader = typeof loader;

export function Layout({ children }: { children: ReactNode }) {
  const data = useRouteLoaderData<RootLoader>("root");
  const locale = data?.locale ?? fallbackLng;
  const { t } = useTranslation();
  const nonce = useNonce();
  useLocaleOnScreen(isLocale(locale) ? locale : fallbackLng);
  return (
    <html lang={locale} dir="ltr">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="description" content={t("meta.description")} />
        <meta name="theme-color" content="#c2410c" />
        <Meta />
        <InlineStylesheet href={styles} nonce={nonce} />
        <InlineStylesheet href={shellStyles} nonce={nonce} />
        <Links />
      </head>
      <body>
        <a className="skip-link" href="#main">
          {t("nav.skipToContent")}
        </a>
        <SiteHeader
          user={data?.user ?? null}
          unread={data?.unread ?? 0}
          cartUnits={data?.cartUnits ?? 0}
          categories={data?.categories ?? []}
          locale={locale}
          path={data?.path ?? "/"}
        />
        <main id="main" tabIndex={-1}>
          {children}
        </main>
        <SiteFooter locale={locale} path={data?.path ?? "/"} />
        <TabBar signedIn={Boolean(data?.user)} cartUnits={data?.cartUnits ?? 0} />
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
