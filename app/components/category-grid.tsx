import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/** The categories as picture tiles (the home page and 分类). */
export function CategoryGrid({ categories }: { categories: readonly { slug: string; nameZh: string; nameEn: string }[] }) {
  const { i18n } = useTranslation();
  return (
    <ul className="category-grid">
      {categories.map((category) => (
        <li key={category.slug}>
          <Link to={`/c/${category.slug}`}>
            {/* Icons beside their names, never the largest paint: fetched after the first paint, not before it. */}
            <img src={`/images/categories/${category.slug}.svg`} alt="" width="56" height="56" loading="lazy" decoding="async" />
            <span>{i18n.language === "en" ? category.nameEn : category.nameZh}</span>
          </Link>
        </li>
      ))}
    </ul>
  );
}
