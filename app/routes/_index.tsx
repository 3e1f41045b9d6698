import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ListingGrid } from "~/components/listing-card";
import { showCards } from "~/domain/catalog/listing-card";
import { getHomePage } from "~/services/catalog.server";
import { listPricesWithheld } from "~/services/listing-prices.server";
import { i18next } from "~/utils/i18n.server";
import { brandTitle } from "~/utils/meta";
import { CategoryGrid } from "~/components/category-grid";

export const meta: MetaFunction = ({ matches }) => [{ title: brandTitle(matches) }];

export async function loader({ request }: LoaderFunctionArgs) {
  const [home, withheld, locale] = await Promise.all([getHomePage(), listPricesWithheld(), i18next.getLocale(request)]);
  return json({ ...home, featured: showCards(home.featured, locale), pricesWithheld: withheld !== null });
}

export default function Home() {
  const { categories, featured, pricesWithheld } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div className="page">
      <section className="hero" aria-labelledby="hero-title">
        <h1 id="hero-title">{t("home.title")}</h1>
        <p>{t("home.subtitle")}</p>
        <p className="hero-actions">
          <Link className="button primary" to="/quote">
            {t("home.quoteCta")}
          </Link>
        </p>
      </section>
      <section aria-labelledby="categories-title">
        <h2 id="categories-title">{t("home.categories")}</h2>
        <CategoryGrid categories={categories} />
      </section>
      <section aria-labelledby="featured-title">
        <h2 id="featured-title">{t("home.featured")}</h2>
        <ListingGrid listings={featured} pricesWithheld={pricesWithheld} />
      </section>
    </div>
  );
}
