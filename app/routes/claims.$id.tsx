import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ClaimPayoutTable, ClaimTableRule } from "~/components/claim-payout-table";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FieldErrors } from "~/components/form-field";
import { OrderTimeline } from "~/components/order-timeline";
import { useLiveTimeline } from "~/components/use-live-timeline";
import { claimDecisionFormSchema, type ClaimStatus } from "~/domain/claims";
import { fromFen } from "~/domain/landed-cost/money";
import { decideClaim, getClaim } from "~/services/claims.server";
import { requireUser } from "~/utils/auth.server";
import { textFields } from "~/utils/form-data";
import { formatDateTime, formatMoney } from "~/utils/format";
import { pageTitle } from "~/utils/meta";
import { moveStatusFor } from "~/utils/move-status";
import { readForm } from "~/utils/request-form.server";

// A claim: what was filed, the payout table applied to it, the decision, the payout and the whole
// timeline with the shopper's evidence. An admin decides here (approve pays at once; reject needs a
// reason), each form carrying the version it was rendered with. Live: the page reloads its data when
// the claim moves. Who may see it is the service's rule (anyone else gets a 404).

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: data ? pageTitle(matches, "claim", { number: data.claim.number }) : "404" },
];

export async function loader({ params, request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const claim = await getClaim(user, params.id ?? "");
  if (!claim) throw new Response("Claim not found", { status: 404 });
  return json({ claim });
}

type ActionResult = { move: { to: string; message: string; fieldErrors?: Record<string, string[]> } };
const statusFor = moveStatusFor();

export async function action({ params, request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const claimId = params.id ?? "";
  const form = claimDecisionFormSchema.safeParse(textFields(await readForm(request)));
  if (!form.success) return json<ActionResult>({ move: { to: "", message: "claims:errors.transitionNotAllowed" } }, { status: 400 });
  const outcome = await decideClaim({ id: user.id, role: user.role }, claimId, form.data);
  if (outcome.ok) return redirect(`/claims/${claimId}`);
  if (outcome.code === "NOT_FOUND") throw new Response("Claim not found", { status: 404 });
  return json<ActionResult>(
    { move: { to: form.data.to, message: outcome.message, fieldErrors: outcome.fieldErrors } },
    { status: statusFor(outcome.code) },
  );
}

const STEPS: readonly ClaimStatus[] = ["FILED", "APPROVED", "PAID"];

export default function ClaimPage() {
  const { claim } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const busy = useNavigation().state === "submitting";
  useLiveTimeline(`/claims/${claim.id}/events`);
  const steps = claim.status === "REJECTED" ? (["FILED", "REJECTED"] as const) : STEPS;
  const stepIndex = steps.indexOf(claim.status);
  const amount = formatMoney(fromFen(claim.payoutFen), "CNY", locale);
  const failed = result?.move;
  return (
    <article className="page narrow" aria-labelledby="claim-title">
      <h1 id="claim-title">
        {t("claims:detail.title", { number: claim.number })}{" "}
        <span className={`badge status-${claim.status.toLowerCase()}`} data-testid="claim-status">
          {t(`claims:status.${claim.status}`)}
        </span>
      </h1>
      <p className="muted">
        <Link to={`/orders/${claim.orderId}`}>{t("claims:detail.order", { number: claim.order.number })}</Link> ·{" "}
        {t(`claims:reasons.${claim.reason}`)} ·{" "}
        {t("claims:detail.filedBy", { name: claim.user.name, date: formatDateTime(claim.createdAt, locale) })}
      </p>
      {failed?.message ? (
        <p className="notice error" role="alert" data-testid="claim-error">
          {t(failed.message)}
        </p>
      ) : null}

      <ol className="order-progress" aria-label={t("claims:detail.progress")}>
        {steps.map((step, position) => {
          const state = position < stepIndex ? "done" : position === stepIndex ? "current" : "todo";
          return (
            <li key={step} className={`step step-${state}`} aria-current={state === "current" ? "step" : undefined}>
              <span className="step-dot" aria-hidden="true" />
              <span className="step-label">{t(`claims:status.${step}`)}</span>
            </li>
          );
        })}
      </ol>

      <section aria-labelledby="claim-description-title">
        <h2 id="claim-description-title">{t("claims:detail.description")}</h2>
        <p>{claim.description}</p>
      </section>

      <section aria-labelledby="claim-table-title">
        <h2 id="claim-table-title">{t("claims:table.title")}</h2>
        <ClaimTableRule insured={claim.payout.insured} capFen={claim.payout.capFen ?? 0} />
        <ClaimPayoutTable payout={claim.payout} caption={t(`claims:reasons.${claim.reason}`)} testId="claim-table" />
        {claim.paidAt ? (
          <p data-testid="claim-paid">
            <strong>{amount}</strong> · {t("claims:detail.paidAt", { date: formatDateTime(claim.paidAt, locale) })}
          </p>
        ) : null}
      </section>

      {claim.decisionNote ? (
        <section aria-labelledby="claim-decision-title">
          <h2 id="claim-decision-title">{t("claims:detail.decision")}</h2>
          <p data-testid="claim-decision">{claim.decisionNote}</p>
        </section>
      ) : null}

      {claim.moves.length > 0 ? (
        <section aria-labelledby="claim-next-title">
          <h2 id="claim-next-title">{t("claims:detail.next")}</h2>
          <div className="transition-forms">
            {claim.moves.map((to) => {
              const rejecting = to === "REJECTED";
              const id = `claim-${to.toLowerCase()}-note`;
              const errors = failed?.to === to ? failed.fieldErrors?.note : undefined;
              return (
                <Form key={to} method="post" className="transition-form" data-testid={`claim-move-${to}`}>
                  <input type="hidden" name="to" value={to} />
                  <input type="hidden" name="version" value={claim.version} />
                  <div className="field">
                    <label htmlFor={id}>{t(rejecting ? "claims:detail.rejectNote" : "claims:detail.note")}</label>
                    <textarea
                      id={id}
                      name="note"
                      rows={2}
                      maxLength={1000}
                      required={rejecting}
                      aria-invalid={errors ? true : undefined}
                      aria-describedby={errors ? `${id}-error` : undefined}
                    />
                    <FieldErrors id={`${id}-error`} errors={errors} />
                  </div>
                  <button type="submit" className={rejecting ? "button" : "button primary"} disabled={busy}>
                    {rejecting ? t("claims:detail.reject") : t("claims:detail.approve", { amount })}
                  </button>
                </Form>
              );
            })}
          </div>
        </section>
      ) : null}

      <section aria-labelledby="claim-timeline-title">
        <h2 id="claim-timeline-title">{t("claims:detail.timeline")}</h2>
        <OrderTimeline events={claim.events} photoBase={`/claims/${claim.id}/photos`} ns="claims" />
      </section>
    </article>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
