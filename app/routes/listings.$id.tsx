import crypto from "node:crypto";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { parseWithZod } from "~/utils/parse-form";
import { Form, Link, useActionData, useLoaderData, useLocation, useNavigation } from "@remix-run/react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { BuyBar } from "~/components/buy-bar";
import { LandedPrice } from "~/components/landed-price";
import { ListingTitle } from "~/components/listing-title";
import { PriceHistoryChart } from "~/components/price-history-chart";
import { ProductGallery } from "~/components/product-gallery";
import { VariantPicker } from "~/components/variant-picker";
import { variantParcel } from "~/domain/catalog/variant-parcel";
import { pickVariant } from "~/domain/catalog/landed-price";
import { toFen } from "~/domain/landed-cost/money";
import { addToCartSchema, MAX_CART_QUANTITY } from "~/domain/orders/cart-forms";
import { addToCart } from "~/services/cart.server";
import { PersonalizationFields } from "~/components/personalization-fields";
import { personalizationInputName, type PersonalizationError } from "~/domain/catalog/personalization";
import { getListing, isWatching, setWatch } from "~/services/catalog.server";
import { quoteListing } from "~/services/quote.server";
import { getUser, requireUser } from "~/utils/auth.server";
import { formatDateTime, formatMoney, formatWeight } from "~/utils/format";
import { GuaranteeLink } from "~/components/guarantee-link";
import { readForm } from "~/utils/request-form.server";
import { ReviewList } from "~/components/review-list";
import { ReviewSummary } from "~/components/review-summary";
import { listReviewsForListing, reviewSummaryForListing } from "~/services/reviews.server";
import { ListingQuestions } from "~/components/listing-questions";
import { QuestionForm } from "~/components/question-form";
import { listListingQuestions } from "~/services/questions.server";
import { submitQuestion } from "~/services/question-submit.server";
import { pageTitle } from "~/utils/meta";
import { withShownTitle } from "~/domain/localization/english-title";
import { i18next } from "~/utils/i18n.server";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: data ? pageTitle(matches, "named", { name: data.listing.shown.text }) : "404" },
];

export async function loader({ params, request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  // The viewer decides whether a one-off ("buy anything") listing is theirs to see.
  const listing = await getListing(params.id ?? "", user);
  if (!listing) throw new Response("Listing not found", { status: 404 });
  const requested = new URL(request.url).searchParams.get("variant");
  const variant = pickVariant(listing.variants, requested);
  const [landed, watching] = await Promise.all([quoteListing({ ...listing, variant }), user ? isWatching(user.id, listing.id) : false]);
  const history = [...listing.priceSnapshots].reverse();
  // Verified reviews (#15): the summary and the latest few; the rest at /listings/:id/reviews.
  const [reviewSummary, latestReviews] = await Promise.all([
    reviewSummaryForListing(listing.id),
    listReviewsForListing(listing.id, { pageSize: 3 }),
  ]);
  // Pre-sale Q&A (#19): the published questions, and the viewer's own whatever their state.
  const questions = await listListingQuestions(listing.id, user?.id ?? null);
  return json({
    questions: { list: questions, submitKey: crypto.randomUUID() },
    reviews: { summary: reviewSummary, latest: latestReviews.reviews, total: latestReviews.total },
    listing: withShownTitle({ ...listing, priceSnapshots: undefined }, await i18next.getLocale(request), listing.store.country),
    history,
    variantId: variant?.id ?? null,
    landed,
    watching,
    signedIn: Boolean(user),
  });
}

const watchSchema = z.object({ intent: z.enum(["watch", "unwatch"]) });

const CART_ERRORS = {
  notFound: "orders:errors.listingNotFound",
  unavailable: "orders:errors.unavailable",
  otherStore: "orders:errors.otherStore",
  tooMany: "orders:errors.quantityTooLarge",
} as const;

export async function action({ params, request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await readForm(request);
  if (form.get("intent") === "ask") {
    form.set("listingId", params.id ?? "");
    const asked = await submitQuestion(user, form);
    if (asked.ok) return redirect(`/listings/${params.id}?asked=1#listing-questions`);
    return json({ error: null, store: null, question: { errors: asked.errors, text: asked.text } }, { status: asked.status });
  }
  if (form.get("intent") === "add-to-cart") {
    const submission = parseWithZod(form, { schema: addToCartSchema });
    if (submission.status !== "success") return json({ error: "orders:errors.quantityInvalid", store: null }, { status: 400 });
    const typed = (key: string) => {
      const value = form.get(personalizationInputName(key));
      return typeof value === "string" ? value : undefined;
    };
    const added = await addToCart(user.id, params.id ?? "", submission.value.variantId || undefined, submission.value.quantity, typed);
    if (added.ok) return redirect("/cart");
    if (added.error === "personalization") {
      // What was typed comes back into the fields, with the reason beside each.
      const values = Object.fromEntries(
        [...form.entries()].filter(([name, value]) => name.startsWith("personalize-") && typeof value === "string"),
      );
      return json(
        { error: "product:personalization.refused", store: null, personalization: { errors: added.errors, values } },
        { status: 400 },
      );
    }
    return json({ error: CART_ERRORS[added.error], store: added.storeName ?? null }, { status: added.error === "notFound" ? 404 : 409 });
  }
  const parsed = watchSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return json({ error: "catalog:watch.invalid", store: null }, { status: 400 });
  const listing = await getListing(params.id ?? "", user);
  if (!listing) throw new Response("Listing not found", { status: 404 });
  const landed = await quoteListing({ ...listing, variant: pickVariant(listing.variants) });
  const totalFen = landed?.outcome.ok ? toFen(landed.outcome.quote.total) : null;
  await setWatch(user.id, listing.id, parsed.data.intent === "watch", totalFen);
  return redirect(`/listings/${listing.id}`);
}

type RefusedPersonalization = { errors: PersonalizationError[]; values: Record<string, string> };

export default function ListingPage() {
  const { listing, history, variantId, landed, watching, signedIn, reviews, questions } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const refused = actionData && "personalization" in actionData ? (actionData.personalization as RefusedPersonalization) : null;
  const { t, i18n } = useTranslation();
  const location = useLocation();
  const navigation = useNavigation();
  const locale = i18n.language;
  const useZh = locale !== "en" && listing.localizationStatus === "REVIEWED";
  const variant = listing.variants.find((candidate) => candidate.id === variantId);
  // The chosen variant's own weight and size, else the listing's: what the landed price was quoted on.
  const parcel = variantParcel(listing, variant);
  const [quantity, setQuantity] = useState("1");
  const compareQuery = new URLSearchParams({ listing: listing.id, ...(variant ? { variant: variant.id } : {}) });
  if (/^\d{1,2}$/.test(quantity) && Number(quantity) > 1) compareQuery.set("quantity", quantity);
  const compareHref = `/quote?${compareQuery}`;
  const canBuy = listing.available && (!variant || variant.available);
  const quote = landed?.outcome.ok ? landed.outcome.quote : null;
  const buyBarPrice = !quote
    ? null
    : quote.warnings.includes("WEIGHT_UNKNOWN")
      ? t("catalog:landed.atLeast", { amount: formatMoney(quote.total, "CNY", locale) })
      : formatMoney(quote.total, "CNY", locale);
  const refreshOk = listing.lastRefreshStatus === "OK" || listing.lastRefreshStatus === "NOT_MODIFIED";
  return (
    <article className="page listing-page">
      <nav aria-label={t("nav.breadcrumb")} className="breadcrumb">
        <Link to="/">{t("nav.home")}</Link> ›{" "}
        <Link to={`/c/${listing.category.slug}`}>{locale === "en" ? listing.category.nameEn : listing.category.nameZh}</Link>
      </nav>
      <div className="listing-layout">
        <ProductGallery images={listing.images} />
        <div className="listing-info">
          <h1>
            <ListingTitle title={listing.shown} />
          </h1>
          {landed ? <LandedPrice landed={landed} compareHref={compareHref} /> : null}
          <p className="guarantee-line">
            <GuaranteeLink />
          </p>
          <p className="original-price">
            {t("catalog:originalPrice")}: {formatMoney(variant?.price ?? listing.price, listing.currency, locale)}{" "}
            <span className="currency-code">{listing.currency}</span>
          </p>
          {listing.available ? null : <p className="badge badge-muted">{t("catalog:soldOut")}</p>}
          {listing.variants.length > 1 ? (
            <VariantPicker
              variants={listing.variants}
              chosenId={variantId}
              currency={listing.currency}
              listingWeightGrams={listing.weightGrams}
            />
          ) : null}
          {signedIn && canBuy ? (
            <Form method="post" className="cart-form" id="add-to-cart">
              <input type="hidden" name="intent" value="add-to-cart" />
              {variant ? <input type="hidden" name="variantId" value={variant.id} /> : null}
              <label htmlFor="cart-quantity">{t("orders:cart.quantity")}</label>
              <input
                id="cart-quantity"
                name="quantity"
                type="number"
                min={1}
                max={MAX_CART_QUANTITY}
                defaultValue={1}
                inputMode="numeric"
                className="quantity-input"
                onChange={(event) => setQuantity(event.currentTarget.value)}
              />
              <PersonalizationFields fields={listing.personalization} errors={refused?.errors} values={refused?.values} />
              {/* Its submit button is the buy bar's (form="add-to-cart"), one for the whole page. */}
            </Form>
          ) : null}
          {actionData?.error ? (
            <p className="form-errors" role="alert">
              {t(actionData.error, { store: actionData.store })}{" "}
              {actionData.error === "orders:errors.otherStore" ? <Link to="/cart">{t("orders:cart.open")}</Link> : null}
            </p>
          ) : null}
          {signedIn ? (
            <Form method="post" className="watch-form">
              <input type="hidden" name="intent" value={watching ? "unwatch" : "watch"} />
              <button type="submit" className="button" aria-pressed={watching} disabled={navigation.state === "submitting"}>
                {watching ? t("catalog:watch.stop") : listing.available ? t("catalog:watch.start") : t("revisits:watch.restock")}
              </button>
              {watching ? <span className="muted"> {t("catalog:watch.on")}</span> : null}
              {!watching && !listing.available ? <span className="muted"> {t("revisits:watch.restockHint")}</span> : null}
            </Form>
          ) : (
            <p className="watch-form">
              <Link to={`/login?redirectTo=${encodeURIComponent(location.pathname)}`}>{t("catalog:watch.loginToWatch")}</Link>
            </p>
          )}
          <dl className="facts">
            <dt>{t("catalog:store")}</dt>
            <dd>
              <Link to={`/stores/${listing.store.slug}`}>{listing.store.name}</Link> ({t(`countries.${listing.store.country}`)})
              {listing.store.verificationStatus === "VERIFIED" ? (
                <span className="badge badge-good">{t("trust:store.verifiedBadge")}</span>
              ) : null}
            </dd>
            <dt>{t("catalog:weight")}</dt>
            <dd data-testid="listing-weight">
              {parcel.weightGrams ? formatWeight(parcel.weightGrams, locale) : t("catalog:weightUnknown")}
            </dd>
            {parcel.lengthCm && parcel.widthCm && parcel.heightCm ? (
              <>
                <dt>{t("catalog:size")}</dt>
                <dd>{t("catalog:sizeValue", { l: parcel.lengthCm, w: parcel.widthCm, h: parcel.heightCm })}</dd>
              </>
            ) : null}
            <dt>{t("catalog:lastRefresh")}</dt>
            <dd>
              {listing.lastRefreshedAt ? formatDateTime(listing.lastRefreshedAt, locale) : t("catalog:never")}
              {listing.lastRefreshStatus ? (
                <span className={refreshOk ? "badge badge-good" : "badge"}>
                  {t(refreshOk ? "catalog:refresh.ok" : "catalog:refresh.problem")}
                </span>
              ) : null}
            </dd>
            <dt>{t("trust:report.verifiedAt")}</dt>
            <dd>
              {listing.verifiedAt ? formatDateTime(listing.verifiedAt, locale) : t("trust:report.neverVerified")}{" "}
              <Link
                to={
                  signedIn ? `/listings/${listing.id}/report` : `/login?redirectTo=${encodeURIComponent(`/listings/${listing.id}/report`)}`
                }
              >
                {t("trust:report.link")}
              </Link>
            </dd>
          </dl>
          <h2>{t("catalog:history.title")}</h2>
          <PriceHistoryChart points={history} currency={listing.currency} />
          <h2>{t("catalog:description")}</h2>
          <p>{useZh ? listing.descriptionZh : listing.description}</p>
          <p className="muted">
            <a href={listing.sourceUrl} rel="noopener noreferrer nofollow" target="_blank">
              {t("catalog:viewAtStore")}
            </a>
          </p>
          <section aria-labelledby="listing-reviews-title" className="listing-reviews">
            <h2 id="listing-reviews-title">{t("reviews:summary.title")}</h2>
            <ReviewSummary summary={reviews.summary} />
            <ReviewList reviews={reviews.latest} />
            {reviews.total > reviews.latest.length ? (
              <p>
                <Link to={`/listings/${listing.id}/reviews`}>{t("reviews:list.more", { count: reviews.total })}</Link>
              </p>
            ) : null}
          </section>
          <section aria-labelledby="listing-questions-title" className="listing-questions" id="listing-questions">
            <h2 id="listing-questions-title">{t("consult:listing.title")}</h2>
            {location.search.includes("asked=1") ? (
              <p role="status" className="notice success">
                {t("consult:ask.asked")}
              </p>
            ) : null}
            <ListingQuestions questions={questions.list} />
            <h3>{t("consult:ask.listingTitle")}</h3>
            {signedIn ? (
              <QuestionForm
                intent="ask"
                submitKey={questions.submitKey}
                listingId={listing.id}
                errors={actionData && "question" in actionData ? actionData.question.errors : undefined}
                text={actionData && "question" in actionData ? actionData.question.text : undefined}
              />
            ) : (
              <p>
                <Link to={`/login?redirectTo=${encodeURIComponent(location.pathname)}`}>{t("consult:ask.loginToAsk")}</Link>
              </p>
            )}
          </section>
        </div>
      </div>
      <BuyBar
        landed={buyBarPrice}
        original={`${formatMoney(variant?.price ?? listing.price, listing.currency, locale)} ${listing.currency}`}
        cartForm={canBuy ? "add-to-cart" : null}
        signedIn={signedIn}
        returnTo={`${location.pathname}${location.search}`}
        submitting={navigation.state === "submitting"}
      />
    </article>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
