import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ComplaintMoveForms } from "~/components/complaint-moves";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { OrderTimeline } from "~/components/order-timeline";
import { useLiveTimeline } from "~/components/use-live-timeline";
import { COMPLAINT_STATUSES, complaintMoveFormSchema, complaintPayloadFromForm } from "~/domain/trust/complaint-machine";
import { moveComplaint } from "~/services/complaint-moves.server";
import { getComplaint } from "~/services/complaints.server";
import { discardPhotos, parsePhotoForm, photoFormStatus } from "~/services/order-photos.server";
import { requireUser } from "~/utils/auth.server";
import { textFields } from "~/utils/form-data";
import { formatDateTime, formatMoney } from "~/utils/format";
import { moveStatusFor } from "~/utils/move-status";
import { pageTitle } from "~/utils/meta";

// A complaint: what was filed, when the answer is due, the outcome, the whole timeline with both sides'
// evidence, and one form per move the machine allows this viewer now. Live: the page reloads its data
// when the other side acts. Who may see it is the service's rule (a stranger gets a 404).

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: data ? pageTitle(matches, "complaint", { number: data.complaint.number }) : "404" },
];

export async function loader({ params, request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const complaint = await getComplaint(user, params.id ?? "");
  if (!complaint) throw new Response("Complaint not found", { status: 404 });
  return json({ complaint });
}

type ActionResult = { error?: string; move?: { to: string; message: string; fieldErrors?: Record<string, string[]> } };
const statusFor = moveStatusFor({ NOT_DUE: 409 });

export async function action({ params, request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const complaintId = params.id ?? "";
  const parsed = await parsePhotoForm(request);
  if (!parsed.ok) return json<ActionResult>({ error: parsed.error }, { status: photoFormStatus(parsed.error) });
  const move = complaintMoveFormSchema.safeParse(textFields(parsed.form));
  if (!move.success) {
    await discardPhotos(parsed.photos);
    return json<ActionResult>({ error: "complaints:errors.transitionNotAllowed" }, { status: 400 });
  }
  const outcome = await moveComplaint({ id: user.id, role: user.role }, complaintId, {
    to: move.data.to,
    version: move.data.version,
    payload: complaintPayloadFromForm(parsed.form, parsed.photos),
  });
  if (outcome.ok) return redirect(`/complaints/${complaintId}`);
  await discardPhotos(parsed.photos);
  if (outcome.code === "NOT_FOUND") throw new Response("Complaint not found", { status: 404 });
  return json<ActionResult>(
    { move: { to: move.data.to, message: outcome.message, fieldErrors: outcome.fieldErrors } },
    { status: statusFor(outcome.code) },
  );
}

export default function ComplaintPage() {
  const { complaint } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  useLiveTimeline(`/complaints/${complaint.id}/events`);
  const stepIndex = COMPLAINT_STATUSES.indexOf(complaint.status);
  const error = result?.error ?? result?.move?.message;
  return (
    <article className="page narrow" aria-labelledby="complaint-title">
      <h1 id="complaint-title">
        {t("complaints:detail.title", { number: complaint.number })}{" "}
        <span className={`badge status-${complaint.status.toLowerCase()}`} data-testid="complaint-status">
          {t(`complaints:status.${complaint.status}`)}
        </span>
      </h1>
      <p className="muted">
        <Link to={`/orders/${complaint.orderId}`}>{t("complaints:detail.order", { number: complaint.order.number })}</Link> ·{" "}
        {t(`complaints:categories.${complaint.category}`)} ·{" "}
        {t("complaints:detail.filedBy", { name: complaint.user.name, date: formatDateTime(complaint.createdAt, locale) })}
      </p>
      {error ? (
        <p className="notice error" role="alert" data-testid="complaint-error">
          {t(error)}
        </p>
      ) : null}

      <ol className="order-progress" aria-label={t("complaints:detail.progress")}>
        {COMPLAINT_STATUSES.map((step, position) => {
          const state = position < stepIndex ? "done" : position === stepIndex ? "current" : "todo";
          return (
            <li key={step} className={`step step-${state}`} aria-current={state === "current" ? "step" : undefined}>
              <span className="step-dot" aria-hidden="true" />
              <span className="step-label">{t(`complaints:status.${step}`)}</span>
            </li>
          );
        })}
      </ol>

      {complaint.status === "OPEN" ? (
        <p className={complaint.overdue ? "notice warning" : "muted"} data-testid="complaint-due">
          {t(complaint.overdue ? "complaints:detail.overdue" : "complaints:detail.dueBy", {
            date: formatDateTime(complaint.answerDueAt, locale),
          })}
        </p>
      ) : null}

      {complaint.outcome ? (
        <section aria-labelledby="complaint-outcome-title">
          <h2 id="complaint-outcome-title">{t("complaints:detail.outcome")}</h2>
          <p data-testid="complaint-outcome">
            {t(`complaints:outcomes.${complaint.outcome}`)}
            {complaint.compensation ? (
              <>
                {" · "}
                {t("complaints:detail.compensation")}{" "}
                <strong data-testid="complaint-compensation">{formatMoney(complaint.compensation, "CNY", locale)}</strong>
              </>
            ) : null}
          </p>
          {complaint.decisionNote ? <p>{complaint.decisionNote}</p> : null}
        </section>
      ) : null}

      {complaint.moves.length > 0 ? (
        <section aria-labelledby="complaint-next-title">
          <h2 id="complaint-next-title">{t("complaints:detail.next")}</h2>
          <ComplaintMoveForms
            status={complaint.status}
            version={complaint.version}
            targets={complaint.moves}
            paidLimit={complaint.paidLimit}
            failed={result?.move ?? null}
          />
        </section>
      ) : null}

      <section aria-labelledby="complaint-timeline-title">
        <h2 id="complaint-timeline-title">{t("complaints:detail.timeline")}</h2>
        <OrderTimeline events={complaint.events} photoBase={`/complaints/${complaint.id}/photos`} ns="complaints" />
      </section>
    </article>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
