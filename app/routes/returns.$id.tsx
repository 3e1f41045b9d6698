import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { useLiveTimeline } from "~/components/use-live-timeline";
import { OrderTimeline } from "~/components/order-timeline";
import { ReturnMoveForms } from "~/components/return-actions";
import { ReturnAddress } from "~/components/return-address";
import { ReturnRefundSummary } from "~/components/return-summary";
import { useReturnText } from "~/components/return-text";
import {
  DISPUTE_OUTCOMES,
  disputeDecisionSchema,
  returnMoveFormSchema,
  returnPayloadFromForm,
  RETURN_STATUS_ORDER,
} from "~/domain/returns";
import { discardPhotos, parsePhotoForm, photoFormStatus } from "~/services/order-photos.server";
import { decideDispute, disputeReturn, transitionReturn } from "~/services/return-transitions.server";
import { getReturn } from "~/services/returns.server";
import { requireUser } from "~/utils/auth.server";
import { textFields } from "~/utils/form-data";
import { formatDateTime } from "~/utils/format";
import { moveStatusFor } from "~/utils/move-status";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: data ? pageTitle(matches, "return", { number: data.entry.number }) : "404" },
];

// Everything this page shows about the money and offers to do comes from entry.view
// (app/domain/returns/view.ts): no template decides on its own which amount is the refund.

/** Statuses before the parcel has arrived: the return address still matters. */
const ADDRESS_STATUSES = ["REQUESTED", "APPROVED", "AWAITING_SHIPMENT", "IN_TRANSIT"];

export async function loader({ params, request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const entry = await getReturn(user, params.id ?? "");
  if (!entry) throw new Response("Return not found", { status: 404 });
  const units = entry.computation.positions.flatMap((position) =>
    Array.from({ length: position.quantity }, () => ({ position: position.position })),
  );
  return json({ entry, view: entry.view, units });
}

const disputeSchema = z.object({
  intent: z.literal("dispute"),
  note: z.string().trim().min(1, "returns:errors.noteRequired").max(1000, "returns:errors.noteTooLong"),
});
type ActionResult = { error?: string; move?: { to: string; message: string; fieldErrors?: Record<string, string[]> } };
const statusFor = moveStatusFor({ DISPUTE_OPEN: 409 });

export async function action({ params, request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const returnId = params.id ?? "";
  const self = `/returns/${returnId}`;
  const parsed = await parsePhotoForm(request);
  if (!parsed.ok) return json<ActionResult>({ error: parsed.error }, { status: photoFormStatus(parsed.error) });
  const { form, photos, byField } = parsed;
  const intent = form.get("intent");
  if (intent === "transition") {
    const move = returnMoveFormSchema.safeParse(textFields(form));
    if (!move.success) {
      await discardPhotos(photos);
      return json<ActionResult>({ error: "returns:errors.transitionNotAllowed" }, { status: 400 });
    }
    const outcome = await transitionReturn({ id: user.id, role: user.role }, returnId, {
      to: move.data.to,
      version: move.data.version,
      payload: returnPayloadFromForm(form, byField),
    });
    if (outcome.ok) return redirect(self);
    await discardPhotos(photos);
    return json<ActionResult>(
      { move: { to: move.data.to, message: outcome.message, fieldErrors: outcome.fieldErrors } },
      { status: statusFor(outcome.code) },
    );
  }
  if (intent === "dispute") {
    const dispute = disputeSchema.safeParse(textFields(form));
    if (!dispute.success) {
      await discardPhotos(photos);
      return json<ActionResult>({ error: dispute.error.issues[0]?.message ?? "returns:errors.noteRequired" }, { status: 400 });
    }
    const filed = await disputeReturn(user, returnId, dispute.data.note, photos);
    if (filed.ok) return redirect(self);
    await discardPhotos(photos);
    if (filed.reason === "notFound") throw new Response("Return not found", { status: 404 });
    return json<ActionResult>({ error: "returns:errors.notDisputable" }, { status: 409 });
  }
  await discardPhotos(photos);
  if (intent === "decide") {
    if (user.role !== "ADMIN") throw new Response("Forbidden", { status: 403 });
    const decision = disputeDecisionSchema.safeParse(Object.fromEntries(form));
    if (!decision.success)
      return json<ActionResult>({ error: decision.error.issues[0]?.message ?? "returns:errors.disputeOutcomeRequired" }, { status: 400 });
    const decided = await decideDispute(user, returnId, decision.data.outcome, decision.data.note);
    if (decided.ok) return redirect(self);
    if (decided.reason === "notFound") throw new Response("Return not found", { status: 404 });
    return json<ActionResult>({ error: "returns:errors.disputeClosed" }, { status: 409 });
  }
  return json<ActionResult>({ error: "returns:errors.transitionNotAllowed" }, { status: 400 });
}

export default function ReturnPage() {
  const { entry, view, units } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, locale, cny, nameOf } = useReturnText(entry.goods);
  const busy = useNavigation().state === "submitting";
  useLiveTimeline(`/returns/${entry.id}/events`);
  const stepIndex = RETURN_STATUS_ORDER.indexOf(entry.status as (typeof RETURN_STATUS_ORDER)[number]);

  return (
    <article className="page narrow" aria-labelledby="return-title">
      <h1 id="return-title">
        {t("returns:detail.title", { number: entry.number })}{" "}
        <span className={`badge status-${entry.status.toLowerCase()}`} data-testid="return-status">
          {t(view.statusKey)}
        </span>
      </h1>
      <p className="muted">
        <Link to={`/orders/${entry.orderId}`}>{t("returns:detail.order", { number: entry.order.number })}</Link> ·{" "}
        {t(`returns:reasons.${entry.reason}`)} · {t(`returns:faults.${entry.fault}`)} · {formatDateTime(entry.createdAt, locale)}
      </p>
      {actionData?.error ? (
        <p className="notice error" role="alert">
          {t(actionData.error)}
        </p>
      ) : null}
      {actionData?.move ? (
        <p className="notice error" role="alert" data-testid="return-move-error">
          {t(actionData.move.message)}
        </p>
      ) : null}

      <ol className="order-progress" aria-label={t("returns:detail.progress")}>
        {RETURN_STATUS_ORDER.map((step, position) => {
          const state =
            entry.status === "REJECTED" || entry.status === "CANCELLED"
              ? "todo"
              : position < stepIndex
                ? "done"
                : position === stepIndex
                  ? "current"
                  : "todo";
          return (
            <li key={step} className={`step step-${state}`} aria-current={state === "current" ? "step" : undefined}>
              <span className="step-dot" aria-hidden="true" />
              <span className="step-label">{t(`returns:status.${step}`)}</span>
            </li>
          );
        })}
      </ol>

      <section aria-labelledby="refund-title">
        <h2 id="refund-title">{t("returns:detail.refund")}</h2>
        <ReturnRefundSummary entry={entry} view={view} />
        {entry.labelReference || entry.carrier ? (
          <p>
            {t("returns:detail.shipment", {
              label: entry.labelReference ?? "",
              carrier: entry.carrier ?? "",
              tracking: entry.trackingNumber ?? "",
            })}
          </p>
        ) : null}
      </section>

      {ADDRESS_STATUSES.includes(entry.status) ? (
        <section aria-labelledby="return-address-title">
          <h2 id="return-address-title">{t("returns:address.title")}</h2>
          <ReturnAddress returnAddress={entry.returnAddress} fault={entry.fault} />
        </section>
      ) : null}

      {view.moves.length > 0 ? (
        <section aria-labelledby="return-moves-title">
          <h2 id="return-moves-title">{t("returns:detail.next")}</h2>
          <ReturnMoveForms
            version={entry.version}
            fault={entry.fault}
            targets={view.moves}
            units={units.map((unit) => ({ position: unit.position, title: nameOf(unit.position) }))}
            errors={actionData?.move?.fieldErrors}
            failedTarget={actionData?.move?.to ?? null}
            refundDue={view.refundDueFen > 0 ? cny(view.refundDueFen) : null}
          />
        </section>
      ) : null}

      {view.canDispute ? (
        <section aria-labelledby="dispute-title">
          <h2 id="dispute-title">{t("returns:dispute.title")}</h2>
          <Form method="post" encType="multipart/form-data" className="transition-form">
            <input type="hidden" name="intent" value="dispute" />
            <div className="field">
              <label htmlFor="dispute-note">{t("returns:dispute.note")}</label>
              <textarea id="dispute-note" name="note" rows={3} maxLength={1000} required />
            </div>
            <div className="field">
              <label htmlFor="dispute-photos">{t("returns:dispute.photos")}</label>
              <input id="dispute-photos" name="photos" type="file" accept="image/jpeg,image/png,image/webp" multiple />
            </div>
            <button type="submit" className="button primary" disabled={busy}>
              {t("returns:dispute.submit")}
            </button>
          </Form>
        </section>
      ) : null}

      {view.canDecide ? (
        <section aria-labelledby="decide-title">
          <h2 id="decide-title">{t("returns:dispute.decideTitle")}</h2>
          <Form method="post" className="transition-form">
            <input type="hidden" name="intent" value="decide" />
            <fieldset>
              <legend>{t("returns:dispute.outcome")}</legend>
              {DISPUTE_OUTCOMES.map((outcome) => (
                <label key={outcome} className="radio">
                  <input type="radio" name="outcome" value={outcome} required /> {t(`returns:dispute.outcomes.${outcome}`)}
                </label>
              ))}
            </fieldset>
            <div className="field">
              <label htmlFor="decide-note">{t("returns:dispute.decisionNote")}</label>
              <textarea id="decide-note" name="note" rows={2} maxLength={1000} required />
            </div>
            <button type="submit" className="button primary" disabled={busy}>
              {t("returns:dispute.decide")}
            </button>
          </Form>
        </section>
      ) : null}

      <section aria-labelledby="return-timeline-title">
        <h2 id="return-timeline-title">{t("returns:detail.timeline")}</h2>
        <OrderTimeline events={entry.events} photoBase={`/returns/${entry.id}/photos`} ns="returns" />
      </section>
      {entry.items.some((item) => item.condition) ? (
        <section aria-labelledby="conditions-title">
          <h2 id="conditions-title">{t("returns:detail.conditions")}</h2>
          <ul data-testid="return-conditions">
            {entry.items.map((item) => (
              <li key={item.id}>
                {nameOf(item.position, `#${item.position + 1}`)} × {item.quantity}:{" "}
                {item.condition ? t(`returns:conditions.${item.condition}`) : "—"} {item.conditionNote ? `· ${item.conditionNote}` : ""}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </article>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
