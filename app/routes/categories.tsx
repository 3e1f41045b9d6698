import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { listCategories } from "~/services/catalog.server";
import { i18next } from "~/utils/i18n.server";
import { CategoryGrid } from "~/components/category-grid";

// The 分类 tab: every category with its picture, and the other ways to buy (the calculator, a pasted link).

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const [categories, t] = await Promise.all([listCategories(), i18next.getFixedT(request)]);
  return json({ categories, title: `${t("shell:categories.metaTitle")} · ${t("brand.name")}` });
}

export default function CategoriesPage() {
  const { categories } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div className="page">
      <h1>{t("shell:categories.title")}</h1>
      <CategoryGrid categories={categories} />
      <h2>{t("shell:categories.tools")}</h2>
      <ul className="hub-tiles">
        <li>
          <Link to="/quote">{t("nav.quote")}</Link>
        </li>
        <li>
          <Link to="/import">{t("nav.import")}</Link>
        </li>
        <li>
          <Link to="/requests/new">{t("requests:new.title")}</Link>
        </li>
      </ul>
    </div>
  );
}
