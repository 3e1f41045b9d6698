import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ClaimPayoutTable, ClaimTableRule } from "~/components/claim-payout-table";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { EvidenceFields } from "~/components/evidence-fields";
import { FieldErrors } from "~/components/form-field";
import { OrderProduct } from "~/components/order-product";
import { CLAIM_TEXT_MAX, claimFilingSchema, DAMAGED_WINDOW_DAYS } from "~/domain/claims";
import { fromFen } from "~/domain/landed-cost/money";
import { fileClaim, getClaimFiling } from "~/services/claims.server";
import { discardPhotos, parsePhotoForm, photoFormStatus } from "~/services/order-photos.server";
import { requireUser } from "~/utils/auth.server";
import { formatDateTime, formatMoney } from "~/utils/format";
import { pageTitle } from "~/utils/meta";
import { parseWithZod } from "~/utils/parse-form";

// The order's shopper files a claim (索赔) for a parcel lost on its way or delivered damaged. The
// published table is shown filled in for this parcel before anything is filed: the whole parcel (lost)
// and each item line (damaged). A plain multipart form: works without JavaScript; a refused form keeps
// what was typed and stores no photo.

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "orders-id-claim") }];

export async function loader({ params, request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const filing = await getClaimFiling(user, params.id ?? "");
  if (!filing) throw new Response("Order not found", { status: 404 });
  return json(filing);
}

type Errors = Record<string, string[] | null>;
type Values = { reason?: string; description?: string; positions?: string[] };

export async function action({ params, request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const orderId = params.id ?? "";
  const parsed = await parsePhotoForm(request);
  if (!parsed.ok)
    return json({ errors: { "": [parsed.error] } as Errors, values: {} as Values }, { status: photoFormStatus(parsed.error) });
  const values: Values = {
    reason: String(parsed.form.get("reason") ?? "").slice(0, 20),
    description: String(parsed.form.get("description") ?? "").slice(0, CLAIM_TEXT_MAX),
    positions: parsed.form.getAll("positions").map(String).slice(0, 200),
  };
  const submission = parseWithZod(parsed.form, { schema: claimFilingSchema });
  if (submission.status !== "success") {
    await discardPhotos(parsed.photos);
    return json({ errors: (submission.reply().error ?? {}) as Errors, values }, { status: 400 });
  }
  const filed = await fileClaim(user, orderId, submission.value, parsed.photos);
  if (filed.ok) return redirect(`/claims/${filed.claimId}`);
  await discardPhotos(parsed.photos);
  if (filed.reason === "notFound") throw new Response("Order not found", { status: 404 });
  const status = filed.reason === "itemsInvalid" || filed.reason === "photosRequired" ? 400 : 409;
  return json({ errors: { "": [`claims:errors.${filed.reason}`] } as Errors, values }, { status });
}

export default function FileClaimPage() {
  const { order, reasons, open, refusal, insured, capFen, items, whole, damagedUntil } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const busy = useNavigation().state === "submitting";
  const errors: Errors = result?.errors ?? {};
  const values: Values = result?.values ?? {};
  const formErrors = errors[""] ?? [];
  const chosenReason = values.reason ?? (reasons.length === 1 ? reasons[0] : undefined);
  return (
    <section className="page narrow" aria-labelledby="claim-file-title">
      <h1 id="claim-file-title">{t("claims:file.title", { number: order.number })}</h1>
      <p>
        <Link to={`/orders/${order.id}`}>{t("claims:detail.order", { number: order.number })}</Link>
      </p>
      <p className="muted">{t("claims:file.intro")}</p>
      {formErrors.length ? (
        <div className="form-errors" role="alert">
          {formErrors.map((error) => (
            <p key={error}>{t(error)}</p>
          ))}
        </div>
      ) : null}
      {open ? (
        <p className="notice" data-testid="claim-open">
          {t("claims:file.open")} <Link to={`/claims/${open.id}`}>{open.number}</Link>
        </p>
      ) : reasons.length === 0 ? (
        <p className="notice" data-testid="claim-refused">
          {refusal ? t(`claims:errors.${refusal}`) : t("claims:file.none")}
        </p>
      ) : (
        <>
          <ClaimTableRule insured={insured} capFen={capFen} />
          {whole ? <ClaimPayoutTable payout={whole} caption={t("claims:file.wholeParcel")} testId="claim-table-whole" /> : null}
          <Form method="post" encType="multipart/form-data" className="stack-form" aria-labelledby="claim-file-title">
            <fieldset aria-describedby={errors.reason ? "reason-error" : undefined}>
              <legend>{t("claims:file.reason")}</legend>
              {reasons.map((reason) => (
                <div key={reason}>
                  <label className="choice">
                    <input
                      type="radio"
                      name="reason"
                      value={reason}
                      required
                      defaultChecked={chosenReason === reason}
                      aria-describedby={`reason-${reason}-hint`}
                    />{" "}
                    {t(`claims:reasons.${reason}`)}
                  </label>
                  <p id={`reason-${reason}-hint`} className="field-hint">
                    {t(`claims:reasonHints.${reason}`, { days: DAMAGED_WINDOW_DAYS })}
                  </p>
                </div>
              ))}
              <FieldErrors id="reason-error" errors={errors.reason} />
            </fieldset>
            {reasons.includes("DAMAGED") ? (
              <fieldset aria-describedby={errors.positions ? "positions-error" : undefined} data-testid="claim-items">
                <legend>{t("claims:file.items")}</legend>
                {damagedUntil ? (
                  <p className="muted">{t("claims:file.damagedUntil", { date: formatDateTime(damagedUntil, locale) })}</p>
                ) : null}
                {items.map((item) => (
                  <label key={item.position} className="choice">
                    <input
                      type="checkbox"
                      name="positions"
                      value={item.position}
                      defaultChecked={values.positions?.includes(String(item.position))}
                    />{" "}
                    <OrderProduct items={[{ ...item, quantity: item.payout.items[0]?.quantity ?? item.quantity }]} count={1} />
                    <span data-testid={`claim-item-${item.position}`}>
                      {t("claims:file.payoutOf", { amount: formatMoney(fromFen(item.payout.payoutFen), "CNY", locale) })}
                    </span>
                  </label>
                ))}
                <FieldErrors id="positions-error" errors={errors.positions} />
              </fieldset>
            ) : null}
            <EvidenceFields
              idPrefix="claim"
              labels={{ description: "claims:file.description", hint: "claims:file.descriptionHint", photos: "claims:file.photos" }}
              maxLength={CLAIM_TEXT_MAX}
              description={values.description ?? ""}
              errors={errors.description}
            />
            <button type="submit" className="button primary" disabled={busy}>
              {t("claims:file.submit")}
            </button>
          </Form>
        </>
      )}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
