import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ListingTitle } from "~/components/listing-title";
import { listingReportSchema, REPORT_FIELDS, REPORT_TEXT_MAX } from "~/domain/trust/listing-report";
import { getListing } from "~/services/catalog.server";
import { fileListingReport, listMyReports } from "~/services/listing-reports.server";
import { requireUser } from "~/utils/auth.server";
import { formatDateTime } from "~/utils/format";
import { parseWithZod } from "~/utils/parse-form";
import { readForm } from "~/utils/request-form.server";
import { pageTitle } from "~/utils/meta";
import { withShownTitle } from "~/domain/localization/english-title";
import { i18next } from "~/utils/i18n.server";

// "信息有误？" on a listing: anyone signed in reports wrong information; agents decide from their queue.

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: data ? pageTitle(matches, "named", { name: data.listing.shown.text }) : "404" },
];

export async function loader({ params, request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const listing = await getListing(params.id ?? "");
  if (!listing) throw new Response("Listing not found", { status: 404 });
  const reports = await listMyReports(user.id, listing.id);
  return json({
    listing: withShownTitle(
      {
        id: listing.id,
        title: listing.title,
        titleZh: listing.titleZh,
        localizationStatus: listing.localizationStatus,
        verifiedAt: listing.verifiedAt,
      },
      await i18next.getLocale(request),
      listing.store.country,
    ),
    reports,
  });
}

const REFUSALS = {
  notFound: { status: 404, key: "trust:errors.listingNotFound" },
  duplicate: { status: 409, key: "trust:errors.reportDuplicate" },
  tooMany: { status: 429, key: "trust:errors.reportTooMany" },
} as const;

export async function action({ params, request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const submission = parseWithZod(await readForm(request), { schema: listingReportSchema });
  if (submission.status !== "success") return json({ errors: submission.reply().error ?? {} }, { status: 400 });
  const filed = await fileListingReport(user, params.id ?? "", submission.value);
  if (!filed.ok) {
    const refusal = REFUSALS[filed.reason];
    if (filed.reason === "notFound") throw new Response("Listing not found", { status: 404 });
    return json({ errors: { "": [refusal.key] } as Record<string, string[] | null> }, { status: refusal.status });
  }
  return redirect(`/listings/${params.id}/report?filed=1`);
}

export default function ReportListing() {
  const { listing, reports } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const busy = useNavigation().state === "submitting";
  const { t, i18n } = useTranslation();
  const errors = result?.errors ?? {};
  const formErrors = errors[""] ?? [];
  return (
    <div className="page narrow">
      <nav aria-label={t("nav.breadcrumb")} className="breadcrumb">
        <Link to={`/listings/${listing.id}`}>
          <ListingTitle title={listing.shown} />
        </Link>
      </nav>
      <h1>{t("trust:report.title")}</h1>
      <p className="muted">{t("trust:report.intro")}</p>
      {searchParams.get("filed") ? (
        <p role="status" className="notice success">
          {t("trust:report.filed")}
        </p>
      ) : null}
      {formErrors.length ? (
        <div className="form-errors" role="alert">
          {formErrors.map((error) => (
            <p key={error}>{t(error)}</p>
          ))}
        </div>
      ) : null}
      <Form method="post" className="stack-form">
        <fieldset>
          <legend>{t("trust:report.fieldLegend")}</legend>
          {REPORT_FIELDS.map((field, index) => (
            <label key={field} className="choice">
              <input type="radio" name="field" value={field} required defaultChecked={index === 0} /> {t(`trust:report.fields.${field}`)}
            </label>
          ))}
          {errors.field ? (
            <p className="field-errors" role="alert">
              {errors.field.map((error) => t(error)).join(" ")}
            </p>
          ) : null}
        </fieldset>
        <div className="field">
          <label htmlFor="report-description">{t("trust:report.description")}</label>
          <textarea
            id="report-description"
            name="description"
            rows={5}
            required
            minLength={5}
            maxLength={REPORT_TEXT_MAX}
            aria-invalid={errors.description ? true : undefined}
            aria-describedby={errors.description ? "report-description-error" : "report-description-hint"}
          />
          <p id="report-description-hint" className="field-hint">
            {t("trust:report.descriptionHint")}
          </p>
          {errors.description ? (
            <p id="report-description-error" className="field-errors" role="alert">
              {errors.description.map((error) => t(error)).join(" ")}
            </p>
          ) : null}
        </div>
        <button type="submit" className="button primary" disabled={busy}>
          {t("trust:report.submit")}
        </button>
      </Form>
      {reports.length ? (
        <section aria-labelledby="my-reports-title">
          <h2 id="my-reports-title">{t("trust:report.mine")}</h2>
          <ul className="report-list">
            {reports.map((report) => (
              <li key={report.id} data-testid="my-report">
                <p>
                  <span className={report.status === "OPEN" ? "badge" : "badge badge-good"}>
                    {t(`trust:report.status.${report.status}`)}
                  </span>{" "}
                  {t(`trust:report.fields.${report.field}`)} · {formatDateTime(report.createdAt, i18n.language)}
                </p>
                <p>{report.description}</p>
                {report.resolution ? <p className="muted">{t("trust:report.resolution", { text: report.resolution })}</p> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
