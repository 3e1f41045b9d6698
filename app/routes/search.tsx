import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CatalogFilters } from "~/components/catalog-filters";
import { ListingGrid } from "~/components/listing-card";
import { Pagination } from "~/components/pagination";
import { parseSearchQuery } from "~/domain/search-query";
import { catalogPage } from "~/services/catalog-page.server";
import { SearchSuggestionsPanel } from "~/components/search-suggestions";
import { pageTitle } from "~/utils/meta";
import { i18next } from "~/utils/i18n.server";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "search") }];

export async function loader({ request }: LoaderFunctionArgs) {
  const query = parseSearchQuery(new URL(request.url).searchParams);
  return json({ query, ...(await catalogPage(query, await i18next.getLocale(request))) });
}

export default function SearchPage() {
  const { query, listings, total, more, pages, suggestions, categories, origins, pricesWithheld } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div className="page">
      <h1>{query.q ? t("catalog:searchResults", { query: query.q }) : t("catalog:allListings")}</h1>
      <CatalogFilters query={query} categories={categories} origins={origins} action="/search" showCategory />
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
