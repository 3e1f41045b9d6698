import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CatalogFilters } from "~/components/catalog-filters";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ListingGrid } from "~/components/listing-card";
import { Pagination } from "~/components/pagination";
import { parseSearchQuery } from "~/domain/search-query";
import { findCategory } from "~/services/catalog.server";
import { catalogPage } from "~/services/catalog-page.server";
import { SearchSuggestionsPanel } from "~/components/search-suggestions";
import { metaLocale, pageTitle } from "~/utils/meta";
import { i18next } from "~/utils/i18n.server";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  {
    title: data
      ? pageTitle(matches, "named", {
          name: metaLocale(matches) === "en" ? data.category.nameEn : data.category.nameZh,
        })
      : "404",
  },
];

export async function loader({ params, request }: LoaderFunctionArgs) {
  const category = await findCategory(params.slug ?? "");
  if (!category) throw new Response("Category not found", { status: 404 });
  const query = parseSearchQuery(new URL(request.url).searchParams);
  const page = await catalogPage({ ...query, category: category.slug }, await i18next.getLocale(request));
  // The query as the shopper wrote it, without the category the page itself adds.
  return json({ category, query, ...page });
}

export default function CategoryPage() {
  const { category, query, listings, total, more, pages, suggestions, categories, origins, pricesWithheld } =
    useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  return (
    <div className="page">
      <h1>{i18n.language === "en" ? category.nameEn : category.nameZh}</h1>
      <CatalogFilters query={query} categories={categories} origins={origins} action={`/c/${category.slug}`} showCategory={false} />
      <p className="muted" role="status">
        {t(more ? "catalog:resultCountMore" : "catalog:resultCount", { count: total })}
      </p>
      {suggestions ? (
        <SearchSuggestionsPanel q={query.q} suggestions={suggestions} />
      ) : (
        <ListingGrid listings={listings} pricesWithheld={pricesWithheld} />
      )}
      <Pagination page={query.page} pages={pages} />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
