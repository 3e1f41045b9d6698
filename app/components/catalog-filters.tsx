import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { SORTS, type SearchQuery } from "~/domain/search-query";
import { CategoryOptions } from "~/components/category-options";

type Props = {
  query: SearchQuery;
  categories: { slug: string; nameZh: string; nameEn: string }[];
  origins: string[];
  action: string;
  showCategory: boolean;
};

/** Filters and sort as a plain GET form: works without JavaScript, every state is a shareable URL. */
export function CatalogFilters({ query, categories, origins, action, showCategory }: Props) {
  const { t } = useTranslation();
  return (
    <Form method="get" action={action} className="catalog-filters" aria-label={t("catalog:filters.label")}>
      {query.q ? <input type="hidden" name="q" value={query.q} /> : null}
      <div className="form-grid">
        {showCategory ? (
          <div className="field">
            <label htmlFor="filter-category">{t("catalog:filters.category")}</label>
            <select id="filter-category" name="category" defaultValue={query.category ?? ""}>
              <option value="">{t("catalog:filters.any")}</option>
              <CategoryOptions categories={categories} />
            </select>
          </div>
        ) : null}
        <div className="field">
          <label htmlFor="filter-origin">{t("catalog:filters.origin")}</label>
          <select id="filter-origin" name="origin" defaultValue={query.origin ?? ""}>
            <option value="">{t("catalog:filters.any")}</option>
            {origins.map((origin) => (
              <option key={origin} value={origin}>
                {t(`countries.${origin}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-min">{t("catalog:filters.minCny")}</label>
          <input id="filter-min" name="minCny" type="number" min={0} inputMode="numeric" defaultValue={query.minCny ?? ""} />
        </div>
        <div className="field">
          <label htmlFor="filter-max">{t("catalog:filters.maxCny")}</label>
          <input id="filter-max" name="maxCny" type="number" min={0} inputMode="numeric" defaultValue={query.maxCny ?? ""} />
        </div>
        <div className="field">
          <label htmlFor="filter-sort">{t("catalog:filters.sort")}</label>
          <select id="filter-sort" name="sort" defaultValue={query.sort}>
            {SORTS.map((sort) => (
              <option key={sort} value={sort}>
                {t(`catalog:sorts.${sort}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field checkbox">
          <label>
            <input type="checkbox" name="inStock" defaultChecked={query.inStock} /> {t("catalog:filters.inStock")}
          </label>
        </div>
      </div>
      <button type="submit" className="button small">
        {t("catalog:filters.apply")}
      </button>
    </Form>
  );
}
