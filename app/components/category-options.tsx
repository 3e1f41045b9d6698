import { useTranslation } from "react-i18next";

/** The <option>s of a category select, named in the reader's language. */
export function CategoryOptions({ categories }: { categories: { slug: string; nameZh: string; nameEn: string }[] }) {
  const { i18n } = useTranslation();
  return (
    <>
      {categories.map((category) => (
        <option key={category.slug} value={category.slug}>
          {i18n.language === "en" ? category.nameEn : category.nameZh}
        </option>
      ))}
    </>
  );
}
