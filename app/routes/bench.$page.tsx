import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useParams } from "@remix-run/react";
import ListingPage, { loader as listingLoader } from "./listings.$id";
import { getEnv } from "~/utils/env.server";
import CategoryPage, { loader as categoryLoader } from "./c.$slug";
import SearchPage, { loader as searchLoader } from "./search";
import StorePage, { loader as storeLoader } from "./stores.$slug";

// Benchmark reference pages (BENCH_ROUTES=1 only): the listing, category, store and search pages rendered from
// constant data captured once, so `npm run bench` can tell data access from rendering.
const captured = new Map<string, unknown>();

async function capture(key: string, produce: () => Promise<Response>) {
  if (!captured.has(key)) captured.set(key, await (await produce()).json());
  return captured.get(key);
}

export async function loader({ params, request, context }: LoaderFunctionArgs) {
  if (!getEnv().BENCH_ROUTES) throw new Response("Not found", { status: 404 });
  const url = new URL(request.url);
  if (params.page === "listing") {
    const id = url.searchParams.get("id") ?? "";
    return json(await capture(`listing:${id}`, () => listingLoader({ params: { id }, request, context })));
  }
  if (params.page === "category") {
    const slug = url.searchParams.get("slug") ?? "";
    return json(await capture(`category:${url.search}`, () => categoryLoader({ params: { slug }, request, context })));
  }
  if (params.page === "store") {
    const slug = url.searchParams.get("slug") ?? "";
    return json(await capture(`store:${slug}`, () => storeLoader({ params: { slug }, request, context })));
  }
  if (params.page === "search") {
    return json(await capture(`search:${url.search}`, () => searchLoader({ params: {}, request, context })));
  }
  throw new Response("Not found", { status: 404 });
}

// The page components read this route's loader data, which has exactly their loaders' shape.
export default function BenchPage() {
  const { page } = useParams();
  if (page === "listing") return <ListingPage />;
  if (page === "category") return <CategoryPage />;
  return page === "store" ? <StorePage /> : <SearchPage />;
}
