import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ListingGrid } from "~/components/listing-card";
import { Pagination, pageFromUrl } from "~/components/pagination";
import { getCategoryPage } from "~/services/catalog.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.category.nameZh} · ${data.category.nameEn}` : "404" },
];

export async function loader({ params, request }: LoaderFunctionArgs) {
  const page = pageFromUrl(request);
  const data = await getCategoryPage(params.slug ?? "", page);
  if (!data) throw new Response("Category not found", { status: 404 });
  return json({ ...data, page });
}

export default function CategoryPage() {
  const { category, listings, total, page, pages } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  return (
    <div className="page">
      <h1>{i18n.language === "en" ? category.nameEn : category.nameZh}</h1>
      <p className="muted">{t("catalog:resultCount", { count: total })}</p>
      <ListingGrid listings={listings} />
      <Pagination page={page} pages={pages} />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
