import { showCards } from "~/domain/catalog/listing-card";
import type { SearchQuery } from "~/domain/search-query";
import { listCategories, listOrigins } from "./catalog.server";
import { searchCatalog } from "./catalog-search.server";
import { listPricesWithheld } from "./listing-prices.server";
import { searchSuggestions } from "./search-suggestions.server";

/**
 * One page of results with what its filters need, for the search page and a category's page (which
 * scopes the query): the cards titled for the reader, and when nothing matched, what to try instead
 * (only then: it costs a few more queries).
 */
export async function catalogPage(query: SearchQuery, locale: string) {
  const [results, categories, origins, withheld] = await Promise.all([
    searchCatalog(query),
    listCategories(),
    listOrigins(),
    listPricesWithheld(),
  ]);
  const suggestions = query.q && results.total === 0 ? await searchSuggestions(query) : null;
  return {
    ...results,
    listings: showCards(results.listings, locale),
    suggestions,
    categories,
    origins,
    pricesWithheld: withheld !== null,
  };
}
