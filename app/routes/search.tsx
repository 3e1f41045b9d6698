import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ListingGrid } from "~/components/listing-card";
import { Pagination, pageFromUrl } from "~/components/pagination";
import { searchListings } from "~/services/catalog.server";

export const meta: MetaFunction = () => [{ title: "搜索 · Search" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const query = (new URL(request.url).searchParams.get("q") ?? "").trim().slice(0, 100);
  const page = pageFromUrl(request);
  if (!query) return json({ query, listings: [], total: 0, page, pages: 1 });
  return json({ query, page, ...(await searchListings(query, page)) });
}

export default function SearchPage() {
  const { query, listings, total, page, pages } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div className="page">
      <h1>{query ? t("catalog:searchResults", { query }) : t("catalog:searchPrompt")}</h1>
      {query ? <p className="muted">{t("catalog:resultCount", { count: total })}</p> : null}
      {query ? <ListingGrid listings={listings} /> : null}
      <Pagination page={page} pages={pages} />
    </div>
  );
}
