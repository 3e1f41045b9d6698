import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { ShareFigure } from "~/components/credit-score";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ListingGrid } from "~/components/listing-card";
import { Pagination } from "~/components/pagination";
import { ReviewList } from "~/components/review-list";
import { ReviewSummary } from "~/components/review-summary";
import { loadCards } from "~/services/catalog.server";
import { getStoreCredit, listStoreListingIds } from "~/services/credit.server";
import { listPricesWithheld } from "~/services/listing-prices.server";
import { listReviewsForStore, reviewSummaryForStore } from "~/services/reviews.server";
import { formatDate } from "~/utils/format";
import { pageTitle } from "~/utils/meta";
import { showCards } from "~/domain/catalog/listing-card";
import { i18next } from "~/utils/i18n.server";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: data ? pageTitle(matches, "named", { name: data.store.name }) : "404" },
];

const PER_PAGE = 24;
const pageSchema = z.coerce.number().int().min(1).max(1000).catch(1);

export async function loader({ params, request }: LoaderFunctionArgs) {
  const credit = await getStoreCredit(params.slug ?? "");
  if (!credit) throw new Response("Store not found", { status: 404 });
  const page = pageSchema.parse(new URL(request.url).searchParams.get("page") ?? 1);
  const [ids, withheld, reviewSummary, reviews] = await Promise.all([
    listStoreListingIds(credit.store.id, page, PER_PAGE),
    listPricesWithheld(),
    reviewSummaryForStore(credit.store.id),
    listReviewsForStore(credit.store.id, { pageSize: 5 }),
  ]);
  const { baseUrl: _baseUrl, ...store } = credit.store;
  return json({
    ...credit,
    store,
    reviewSummary,
    reviews: reviews.reviews,
    page,
    pages: Math.max(1, Math.ceil(credit.listingCount / PER_PAGE)),
    listings: showCards(await loadCards(ids), await i18next.getLocale(request)),
    pricesWithheld: withheld !== null,
  });
}

export default function StorePage() {
  const {
    store,
    platformFaultReturns,
    reports,
    complaintsUpheld,
    minimumSample,
    listings,
    listingCount,
    page,
    pages,
    pricesWithheld,
    reviewSummary,
    reviews,
  } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const verified = store.verificationStatus === "VERIFIED";
  return (
    <div className="page store-page">
      <header className="store-header">
        <h1>{store.name}</h1>
        <p>
          <span className={verified ? "badge badge-good" : "badge badge-muted"}>{t(`trust:store.status.${store.verificationStatus}`)}</span>
        </p>
        <dl className="facts">
          <dt>{t("trust:store.country")}</dt>
          <dd>{t(`countries.${store.country}`)}</dd>
          <dt>{t("trust:store.platform")}</dt>
          <dd>{t(`trust:store.platforms.${store.platform}`, { defaultValue: store.platform })}</dd>
          <dt>{t("trust:store.since")}</dt>
          <dd>{formatDate(store.createdAt, locale)}</dd>
        </dl>
      </header>

      <section aria-labelledby="store-verification-title" className="credit-section">
        <h2 id="store-verification-title">{t("trust:store.verificationTitle")}</h2>
        {verified && store.verification && store.verifiedAt ? (
          <ul className="checked-list">
            <li>{t("trust:store.checkedDomain", { domain: store.verification.officialDomain })}</li>
            <li>{t("trust:store.checkedRegistration", { registration: store.verification.registration })}</li>
            <li className="muted">{t("trust:store.checkedAt", { date: formatDate(store.verifiedAt, locale) })}</li>
          </ul>
        ) : (
          <p className="muted">
            {t(store.verificationStatus === "REVOKED" ? "trust:store.revokedExplain" : "trust:store.unverifiedExplain", {
              reason: store.verification?.note ?? "",
            })}
          </p>
        )}
      </section>

      <section aria-labelledby="store-credit-title" className="credit-section">
        <h2 id="store-credit-title">{t("trust:credit.title")}</h2>
        <ReviewSummary summary={reviewSummary} />
        <dl className="credit-list">
          <dt>{t("trust:credit.platformFaultReturns")}</dt>
          <dd>
            <ShareFigure share={platformFaultReturns} minimumSample={minimumSample} unit="orders" />
          </dd>
          <dt>{t("trust:credit.reportsUpheld")}</dt>
          <dd>{t("trust:credit.reportsUpheldValue", { count: reports.upheld, decided: reports.decided })}</dd>
          <dt>{t("trust:credit.complaintsUpheld")}</dt>
          <dd>{t("trust:credit.countValue", { count: complaintsUpheld })}</dd>
        </dl>
        <details className="how-computed">
          <summary>{t("trust:credit.howComputed")}</summary>
          <ul>
            <li>{t("trust:credit.explainReturns")}</li>
            <li>{t("trust:credit.explainReports")}</li>
            <li>{t("trust:credit.explainComplaints")}</li>
            <li>{t("trust:credit.explainMinimum", { count: minimumSample })}</li>
          </ul>
        </details>
      </section>

      {reviews.length ? (
        <section aria-labelledby="store-reviews-title">
          <h2 id="store-reviews-title">{t("trust:store.reviews")}</h2>
          <ReviewList reviews={reviews} />
        </section>
      ) : null}

      <section aria-labelledby="store-listings-title">
        <h2 id="store-listings-title">{t("trust:store.listings", { count: listingCount })}</h2>
        <ListingGrid listings={listings} pricesWithheld={pricesWithheld} />
        <Pagination page={page} pages={pages} />
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
