import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { SearchSuggestions } from "~/services/search-suggestions.server";

const searchHref = (q: string, extra: Record<string, string> = {}) => `/search?${new URLSearchParams({ q, ...extra })}`;

/** Shown instead of an empty grid: nearer words, categories, the unfiltered search and the import by link. */
export function SearchSuggestionsPanel({ q, suggestions }: { q: string; suggestions: SearchSuggestions }) {
  const { t, i18n } = useTranslation();
  const { spellings, words, categories, withoutFilters, importUrl } = suggestions;
  return (
    <section className="search-suggestions" data-testid="search-suggestions" aria-labelledby="search-suggestions-title">
      <h2 id="search-suggestions-title">{t("catalog:suggestions.title", { query: q })}</h2>
      {spellings.length > 0 ? (
        <p>
          {t("catalog:suggestions.didYouMean")}{" "}
          {spellings.map((spelling) => (
            <Link key={spelling.q} to={searchHref(spelling.q)} className="chip">
              {t("catalog:suggestions.withCount", { query: spelling.q, count: spelling.count })}
            </Link>
          ))}
        </p>
      ) : null}
      {withoutFilters ? (
        <p>
          <Link to={searchHref(q)}>{t("catalog:suggestions.withoutFilters", { count: withoutFilters })}</Link>
        </p>
      ) : null}
      {words.length > 0 ? (
        <p>
          {t("catalog:suggestions.fewerWords")}{" "}
          {words.map((word) => (
            <Link key={word.q} to={searchHref(word.q)} className="chip">
              {t("catalog:suggestions.withCount", { query: word.q, count: word.count })}
            </Link>
          ))}
        </p>
      ) : null}
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
    </section>
  );
}
