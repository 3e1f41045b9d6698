import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ListingTitle } from "~/components/listing-title";
import { Pagination } from "~/components/pagination";
import { ReviewList } from "~/components/review-list";
import { ReviewSummary } from "~/components/review-summary";
import { getListing } from "~/services/catalog.server";
import { listReviewsForListing, reviewSummaryForListing } from "~/services/reviews.server";
import { pageTitle } from "~/utils/meta";
import { withShownTitle } from "~/domain/localization/english-title";
import { i18next } from "~/utils/i18n.server";

// Every visible review of a listing, newest first, a page at a time.

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: data ? pageTitle(matches, "named", { name: data.listing.shown.text }) : "404" },
];

export async function loader({ params, request }: LoaderFunctionArgs) {
  const listing = await getListing(params.id ?? "");
  if (!listing) throw new Response("Listing not found", { status: 404 });
  const page = Math.min(10_000, Math.max(1, Number.parseInt(new URL(request.url).searchParams.get("page") ?? "1", 10) || 1));
  const [summary, reviews] = await Promise.all([reviewSummaryForListing(listing.id), listReviewsForListing(listing.id, { page })]);
  return json({
    listing: withShownTitle(
      { id: listing.id, title: listing.title, titleZh: listing.titleZh, localizationStatus: listing.localizationStatus },
      await i18next.getLocale(request),
      listing.store.country,
    ),
    summary,
    ...reviews,
  });
}

export default function ListingReviews() {
  const { listing, summary, reviews, page, pages } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <section className="page narrow" aria-labelledby="reviews-title">
      <nav aria-label={t("nav.breadcrumb")} className="breadcrumb">
        <Link to={`/listings/${listing.id}`}>
          <ListingTitle title={listing.shown} />
        </Link>
      </nav>
      <h1 id="reviews-title">{t("reviews:summary.title")}</h1>
      <ReviewSummary summary={summary} />
      <ReviewList reviews={reviews} />
      <Pagination page={page} pages={pages} />
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
