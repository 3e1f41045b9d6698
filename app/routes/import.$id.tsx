import type { LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { LandedPrice } from "~/components/landed-price";
import { getListingForReview } from "~/services/listing-review.server";
import { quoteListingById } from "~/services/quote.server";
import { requireUser } from "~/utils/auth.server";
import { formatMoney } from "~/utils/format";

// The importer's view of their draft (agents and admins see every draft). Anyone else reaching a
// published listing's import page is sent to the listing; another shopper's draft is not found.
export async function loader({ params, request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const draft = await getListingForReview(params.id ?? "");
  const staff = user.role === "AGENT" || user.role === "ADMIN";
  if (draft && !staff && draft.importedById !== user.id && draft.status === "PUBLISHED") throw redirect(`/listings/${draft.id}`);
  if (!draft || (!staff && draft.importedById !== user.id)) throw new Response("Not found", { status: 404 });
  const published = draft.status === "PUBLISHED";
  const landed = await quoteListingById(draft.id);
  return json({ draft, landed, staff, published });
}

export default function ImportedDraft() {
  const { draft, landed, staff, published } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  return (
    <article className="page narrow">
      <p className="notice success" role="status">
        {published ? t("catalog:import.published") : t("catalog:import.draftReady")}
      </p>
      <h1>{draft.titleZh}</h1>
      <p className="muted" lang="und">
        {draft.title}
      </p>
      {draft.images[0] ? (
        <img src={draft.images[0].url} alt={draft.images[0].alt} width="600" height="600" className="draft-image" />
      ) : null}
      {landed ? <LandedPrice landed={landed} /> : <p className="notice warning">{t("catalog:import.noLine")}</p>}
      <p className="original-price">
        {t("catalog:originalPrice")}: {formatMoney(draft.price, draft.currency, i18n.language)}{" "}
        <span className="currency-code">{draft.currency}</span>
      </p>
      <p>{draft.descriptionZh}</p>
      {staff ? (
        <p>
          <Link className="button primary" to={`/agent/review/${draft.id}`}>
            {t("catalog:review.open")}
          </Link>
        </p>
      ) : (
        <p className="muted">{t("catalog:import.waitingForAgent")}</p>
      )}
      {published ? (
        <p>
          <Link to={`/listings/${draft.id}`}>{t("catalog:import.viewListing")}</Link>
        </p>
      ) : null}
    </article>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
