import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ListingTitle } from "~/components/listing-title";
import { LandedPrice } from "~/components/landed-price";
import { getListing } from "~/services/catalog.server";
import { quoteListing } from "~/services/quote.server";
import { formatMoney, formatWeight } from "~/utils/format";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? data.listing.titleZh : "404" }];

export async function loader({ params }: LoaderFunctionArgs) {
  const listing = await getListing(params.id ?? "");
  if (!listing) throw new Response("Listing not found", { status: 404 });
  return json({ listing, landed: await quoteListing(listing) });
}

export default function ListingPage() {
  const { listing, landed } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const useZh = locale !== "en" && listing.localizationStatus === "REVIEWED";
  return (
    <article className="page listing-page">
      <nav aria-label={t("nav.breadcrumb")} className="breadcrumb">
        <Link to="/">{t("nav.home")}</Link> ›{" "}
        <Link to={`/c/${listing.category.slug}`}>{locale === "en" ? listing.category.nameEn : listing.category.nameZh}</Link>
      </nav>
      <div className="listing-layout">
        <ul className="gallery" aria-label={t("catalog:gallery")}>
          {listing.images.map((image, index) => (
            <li key={image.url}>
              <img src={image.url} alt={image.alt} width="600" height="600" loading={index === 0 ? "eager" : "lazy"} />
            </li>
          ))}
        </ul>
        <div className="listing-info">
          <h1>
            <ListingTitle listing={listing} />
          </h1>
          {landed ? <LandedPrice landed={landed} /> : null}
          <p className="original-price">
            {t("catalog:originalPrice")}: {formatMoney(listing.price, listing.currency, locale)}{" "}
            <span className="currency-code">{listing.currency}</span>
          </p>
          {listing.available ? null : <p className="badge badge-muted">{t("catalog:soldOut")}</p>}
          {listing.variants.length > 1 ? (
            <fieldset className="variants">
              <legend>{t("catalog:variants")}</legend>
              {listing.variants.map((variant, index) => (
                <label key={variant.id} className={variant.available ? "variant" : "variant unavailable"}>
                  <input type="radio" name="variant" value={variant.id} defaultChecked={index === 0} disabled={!variant.available} />
                  {locale === "en" ? variant.title : variant.titleZh} · {formatMoney(variant.price, listing.currency, locale)}
                </label>
              ))}
            </fieldset>
          ) : null}
          <dl className="facts">
            <dt>{t("catalog:store")}</dt>
            <dd>
              {listing.store.name} ({t(`countries.${listing.store.country}`)})
            </dd>
            <dt>{t("catalog:weight")}</dt>
            <dd>{listing.weightGrams ? formatWeight(listing.weightGrams, locale) : t("catalog:weightUnknown")}</dd>
            {listing.lengthCm && listing.widthCm && listing.heightCm ? (
              <>
                <dt>{t("catalog:size")}</dt>
                <dd>{t("catalog:sizeValue", { l: listing.lengthCm, w: listing.widthCm, h: listing.heightCm })}</dd>
              </>
            ) : null}
          </dl>
          <h2>{t("catalog:description")}</h2>
          <p>{useZh ? listing.descriptionZh : listing.description}</p>
        </div>
      </div>
    </article>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
