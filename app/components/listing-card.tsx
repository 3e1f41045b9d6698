import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { ListingCardData, ShownListingCard } from "~/domain/catalog/listing-card";
import { fromFen } from "~/domain/landed-cost/money";
import { formatMoney } from "~/utils/format";
import { ListingTitle } from "./listing-title";

// The first row is on screen at once on a phone: load it eagerly, it is the largest paint.
const EAGER_CARDS = 4;

const PENDING: Record<string, string> = {
  WEIGHT_UNKNOWN: "catalog:landed.pendingWeight",
  NO_LINE: "catalog:landed.pendingLine",
  RATES_STALE: "catalog:landed.pendingRates",
};

/**
 * The landed price the listing page quotes (precomputed), or why there is none: never a lower number.
 * `withheld`: the listing page would refuse to quote right now (stale rates), so no number at all.
 */
function CardPrice({ listing, withheld }: { listing: ListingCardData; withheld: boolean }) {
  const { t, i18n } = useTranslation();
  if (!withheld && listing.landedFen !== null) {
    return (
      <span className="card-price" data-testid="card-landed">
        {t("catalog:landed.price", { amount: formatMoney(fromFen(listing.landedFen), "CNY", i18n.language) })}
      </span>
    );
  }
  const reason = withheld ? "catalog:landed.pendingRates" : (PENDING[listing.landedStatus ?? ""] ?? "catalog:landed.pendingOther");
  return <span className="card-price card-pending">{t(reason)}</span>;
}

export function ListingCard({
  listing,
  eager = false,
  pricesWithheld = false,
}: {
  listing: ShownListingCard;
  eager?: boolean;
  pricesWithheld?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const image = listing.images[0];
  return (
    <li className="listing-card">
      <Link to={`/listings/${listing.id}`}>
        {image ? (
          <img
            src={image.url}
            alt={image.alt}
            width="300"
            height="300"
            loading={eager ? "eager" : "lazy"}
            // The first row is what a phone shows first (the largest paint): fetched before the scripts.
            {...(eager ? { fetchpriority: "high" } : { decoding: "async" as const })}
          />
        ) : null}
        <span className="card-title">
          <ListingTitle title={listing.shown} />
        </span>
        <CardPrice listing={listing} withheld={pricesWithheld} />
        <span className="card-original">
          {t("catalog:originalPrice")} {formatMoney(listing.price, listing.currency, i18n.language)}{" "}
          <span className="currency-code">{listing.currency}</span>
        </span>
        <span className="card-meta">
          {t(`countries.${listing.store.country}`)} · {listing.store.name}
          {listing.available ? null : <strong className="badge badge-muted"> {t("catalog:soldOut")}</strong>}
        </span>
      </Link>
    </li>
  );
}

/** A grid of cards; with `pricesWithheld` (stale rates) one notice above it instead of a number per card. */
export function ListingGrid({ listings, pricesWithheld = false }: { listings: ShownListingCard[]; pricesWithheld?: boolean }) {
  const { t } = useTranslation();
  if (listings.length === 0) return <p className="empty">{t("catalog:empty")}</p>;
  return (
    <>
      {pricesWithheld ? (
        <p className="notice warning" role="status">
          {t("catalog:landed.withheld")}
        </p>
      ) : null}
      <ul className="listing-grid">
        {listings.map((listing, index) => (
          <ListingCard key={listing.id} listing={listing} eager={index < EAGER_CARDS} pricesWithheld={pricesWithheld} />
        ))}
      </ul>
    </>
  );
}
