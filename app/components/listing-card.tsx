import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { fromFen } from "~/domain/landed-cost/money";
import { formatMoney } from "~/utils/format";
import { ListingTitle } from "./listing-title";

type Card = {
  id: string;
  title: string;
  titleZh: string;
  localizationStatus: string;
  price: string;
  currency: string;
  priceCnyFen: number | null;
  available: boolean;
  store: { name: string; country: string };
  images: { url: string; alt: string }[];
};

// The first row is on screen at once on a phone: load it eagerly, it is the largest paint.
const EAGER_CARDS = 4;

export function ListingCard({ listing, eager = false }: { listing: Card; eager?: boolean }) {
  const { t, i18n } = useTranslation();
  const image = listing.images[0];
  return (
    <li className="listing-card">
      <Link to={`/listings/${listing.id}`}>
        {image ? <img src={image.url} alt={image.alt} width="300" height="300" loading={eager ? "eager" : "lazy"} decoding="async" /> : null}
        <span className="card-title">
          <ListingTitle listing={listing} />
        </span>
        {listing.priceCnyFen !== null ? (
          <span className="card-price">{t("catalog:approxCny", { amount: formatMoney(fromFen(listing.priceCnyFen), "CNY", i18n.language) })}</span>
        ) : null}
        <span className={listing.priceCnyFen !== null ? "card-original" : "card-price"}>
          {formatMoney(listing.price, listing.currency, i18n.language)} <span className="currency-code">{listing.currency}</span>
        </span>
        <span className="card-meta">
          {t(`countries.${listing.store.country}`)} · {listing.store.name}
          {listing.available ? null : <strong className="badge badge-muted"> {t("catalog:soldOut")}</strong>}
        </span>
      </Link>
    </li>
  );
}

export function ListingGrid({ listings }: { listings: Card[] }) {
  const { t } = useTranslation();
  if (listings.length === 0) return <p className="empty">{t("catalog:empty")}</p>;
  return (
    <ul className="listing-grid">
      {listings.map((listing, index) => (
        <ListingCard key={listing.id} listing={listing} eager={index < EAGER_CARDS} />
      ))}
    </ul>
  );
}
