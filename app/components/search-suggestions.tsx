import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { SearchSuggestions } from "~/services/search-suggestions.server";

const searchHref = (q: string, extra: Record<string, string> = {}) => `/search?${new URLSearchParams({ q, ...extra })}`;

/** Other searches to try, each with how many it finds. */
function QueryChips({ label, queries }: { label: string; queries: { q: string; count: number }[] }) {
  const { t } = useTranslation();
  if (queries.length === 0) return null;
  return (
    <p>
      {label}{" "}
      {queries.map((query) => (
        <Link key={query.q} to={searchHref(query.q)} className="chip">
          {t("catalog:suggestions.withCount", { query: query.q, count: query.count })}
        </Link>
      ))}
    </p>
  );
}

/** Shown instead of an empty grid: nearer words, categories, the unfiltered search and the import by link. */
export function SearchSuggestionsPanel({ q, suggestions }: { q: string; suggestions: SearchSuggestions }) {
  const { t, i18n } = useTranslation();
  const { spellings, words, categories, withoutFilters, importUrl } = suggestions;
  return (
    <section className="search-suggestions" data-testid="search-suggestions" aria-labelledby="search-suggestions-title">
      <h2 id="search-suggestions-title">{t("catalog:suggestions.title", { query: q })}</h2>
      <QueryChips label={t("catalog:suggestions.didYouMean")} queries={spellings} />
      {withoutFilters ? (
        <p>
          <Link to={searchHref(q)}>{t("catalog:suggestions.withoutFilters", { count: withoutFilters })}</Link>
        </p>
      ) : null}
      <QueryChips label={t("catalog:suggestions.fewerWords")} queries={words} />
      {categories.length > 0 ? (
        <p>
          {t("catalog:suggestions.categories")}{" "}
          {categories.map((category) => (
            <Link key={category.slug} to={`/c/${category.slug}`} className="chip">
              {i18n.language === "en" ? category.nameEn : category.nameZh}
            </Link>
          ))}
        </p>
      ) : null}
      <p>
        {t("catalog:suggestions.import")}{" "}
        <Link to={importUrl ? `/import?${new URLSearchParams({ url: importUrl })}` : "/import"} className="button">
          {t("catalog:suggestions.importLink")}
        </Link>
      </p>
      <p>
        {t("requests:importHint")} <Link to="/requests/new">{t("requests:importLink")}</Link>
      </p>
    </section>
  );
}
