import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ListingTitle } from "~/components/listing-title";
import { REPORT_TEXT_MAX, reportDecisionSchema } from "~/domain/trust/listing-report";
import { decideListingReport, listOpenReports } from "~/services/listing-reports.server";
import { requireRole } from "~/utils/auth.server";
import { formatDateTime } from "~/utils/format";
import { parseWithZod } from "~/utils/parse-form";
import { readForm } from "~/utils/request-form.server";
import { withShownTitle } from "~/domain/localization/english-title";
import { i18next } from "~/utils/i18n.server";

// The agents' queue of wrong-information reports: correct the listing (its review form) and say so, or
// reject the report; a reason either way, which the reporter is told.

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ["AGENT", "ADMIN"]);
  const [{ reports, total }, locale] = await Promise.all([listOpenReports(), i18next.getLocale(request)]);
  return json({
    total,
    reports: reports.map((report) => ({ ...report, listing: withShownTitle(report.listing, locale, report.listing.store.country) })),
  });
}

type Result = { reportId: string; errors: Record<string, string[] | null> };

export async function action({ request }: ActionFunctionArgs) {
  const agent = await requireRole(request, ["AGENT", "ADMIN"]);
  const form = await readForm(request);
  const reportId = String(form.get("reportId") ?? "");
  const submission = parseWithZod(form, { schema: reportDecisionSchema });
  if (submission.status !== "success") return json<Result>({ reportId, errors: submission.reply().error ?? {} }, { status: 400 });
  const decided = await decideListingReport(agent, submission.value);
  if (!decided.ok && decided.reason === "notFound") throw new Response("Report not found", { status: 404 });
  if (!decided.ok) return json<Result>({ reportId, errors: { "": ["trust:errors.reportDecided"] } }, { status: 409 });
  return json<Result>({ reportId, errors: {} });
}

export default function AgentReports() {
  const { reports, total } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const { t, i18n } = useTranslation();
  return (
    <div className="page">
      <h1>{t("trust:queue.title")}</h1>
      <p className="muted" role="status">
        {t("trust:queue.count", { count: total })}
      </p>
      {result && Object.keys(result.errors).length === 0 ? (
        <p role="status" className="notice success">
          {t("trust:queue.decided")}
        </p>
      ) : null}
      {reports.length === 0 ? <p className="empty">{t("trust:queue.empty")}</p> : null}
      <ul className="report-queue">
        {reports.map((report) => {
          const errors = result?.reportId === report.id ? result.errors : {};
          const messages = [...(errors[""] ?? []), ...(errors.resolution ?? []), ...(errors.decision ?? [])];
          return (
            <li key={report.id} data-testid="report">
              <p>
                <Link to={`/listings/${report.listing.id}`}>
                  <ListingTitle title={report.listing.shown} />
                </Link>{" "}
                · {report.listing.store.name}
              </p>
              <p>
                <span className="badge">{t(`trust:report.fields.${report.field}`)}</span> {formatDateTime(report.createdAt, i18n.language)}
              </p>
              <p>{report.description}</p>
              <p>
                <Link to={`/agent/review/${report.listing.id}`}>{t("trust:queue.edit")}</Link>
              </p>
              <Form method="post" className="inline-form">
                <input type="hidden" name="reportId" value={report.id} />
                <label htmlFor={`resolution-${report.id}`}>{t("trust:queue.reason")}</label>
                <input
                  id={`resolution-${report.id}`}
                  name="resolution"
                  required
                  maxLength={REPORT_TEXT_MAX}
                  aria-invalid={messages.length ? true : undefined}
                  aria-describedby={messages.length ? `resolution-${report.id}-error` : undefined}
                />
                <button type="submit" name="decision" value="CORRECTED" className="button primary small" disabled={busy}>
                  {t("trust:queue.corrected")}
                </button>
                <button type="submit" name="decision" value="REJECTED" className="button small" disabled={busy}>
                  {t("trust:queue.rejected")}
                </button>
              </Form>
              {messages.length ? (
                <p id={`resolution-${report.id}-error`} className="field-errors" role="alert">
                  {messages.map((error) => t(error)).join(" ")}
                </p>
              ) : null}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
